package io.userpools.password;

import static io.userpools.password.Resets.NEW_PASSWORD;
import static io.userpools.password.Resets.confirm;
import static io.userpools.password.Resets.email;
import static io.userpools.password.Resets.mailedCode;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Auth.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.userpools.support.Api;
import io.userpools.support.Auth;
import io.userpools.support.Db;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * PasswordHistorySize (lifecycle spec 1.3) on REST: the last n passwords, the current one included,
 * are refused on ChangePassword, ConfirmForgotPassword, NEW_PASSWORD_REQUIRED and
 * AdminSetUserPassword; older ones are allowed again; the history is bounded by the pool's size,
 * holds only bcrypt hashes, and goes with the user.
 */
@QuarkusTest
class PasswordHistoryTest {

    static final String USED = "Password has previously been used.";
    static final String THIRD = "Th1rd#Passw0rd";

    static String poolWithHistory(int size) {
        return createPool(Map.of("name", "hist-" + UUID.randomUUID().toString().substring(0, 8),
                "passwordPolicy", Map.of("passwordHistorySize", size)));
    }

    static void refused(Response response) {
        response.then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("PasswordHistoryPolicyViolationException")).body("detail", equalTo(USED));
    }

    static Response change(String token, String previous, String proposed) {
        return ChangePasswordTest.change(token, previous, proposed);
    }

    @Test
    void theSizeIsShownAndBounded() {
        String poolId = poolWithHistory(3);
        admin().get("/pools/{p}", poolId).then().statusCode(200).body("passwordPolicy.passwordHistorySize", equalTo(3));
        adminJson(Map.of("name", "too-many", "passwordPolicy", Map.of("passwordHistorySize", 25))).post("/pools")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
        admin().get("/pools/{p}", createPool()).then().body("passwordPolicy.passwordHistorySize", equalTo(0));
    }

    @Test
    void changePasswordRefusesTheLastTwoAndAllowsOlderOnes() throws SQLException {
        String poolId = poolWithHistory(2);
        String clientId = Auth.createPasswordClient(poolId);
        Resets.confirmedWithEmail(poolId, "ann", email("ann"));
        String token = Auth.accessToken(clientId, "ann");
        refused(change(token, Auth.PASSWORD, Auth.PASSWORD));
        change(token, Auth.PASSWORD, NEW_PASSWORD).then().statusCode(204);
        refused(change(token, NEW_PASSWORD, Auth.PASSWORD));
        change(token, NEW_PASSWORD, THIRD).then().statusCode(204);
        assertThat(historyRows(poolId)).isEqualTo(1);
        change(token, THIRD, Auth.PASSWORD).then().statusCode(204); // three back: beyond a history of 2
        Auth.signIn(clientId, "ann", Auth.PASSWORD);
        assertThat(historyRows(poolId)).isEqualTo(1);
        assertThat(storedHashes(poolId)).allMatch(h -> h.startsWith("$2a$10$"));
    }

    @Test
    void withoutHistoryTheCurrentPasswordMayBeSetAgain() throws SQLException {
        String poolId = Resets.pool();
        String clientId = Auth.createPasswordClient(poolId);
        Resets.confirmedWithEmail(poolId, "bob", email("bob"));
        ChangePasswordTest.change(Auth.accessToken(clientId, "bob"), Auth.PASSWORD, Auth.PASSWORD).then()
                .statusCode(204);
        Auth.setPassword(poolId, "bob", Auth.PASSWORD, true);
        assertThat(historyRows(poolId)).isZero();
    }

    @Test
    void adminSetUserPasswordRefusesAUsedPassword() throws SQLException {
        String poolId = poolWithHistory(5);
        Resets.confirmedWithEmail(poolId, "cat", email("cat"));
        refused(adminJson(Map.of("password", Auth.PASSWORD, "permanent", true))
                .put("/pools/{p}/users/{u}/password", poolId, "cat"));
        Auth.setPassword(poolId, "cat", NEW_PASSWORD, false);
        refused(adminJson(Map.of("password", Auth.PASSWORD, "permanent", true))
                .put("/pools/{p}/users/{u}/password", poolId, "cat"));
        assertThat(historyRows(poolId)).isEqualTo(2); // the invitation's temporary password, then Auth.PASSWORD
        refused(adminJson(Map.of("password", "Temp#Passw0rd", "permanent", true))
                .put("/pools/{p}/users/{u}/password", poolId, "cat"));
        admin().delete("/pools/{p}/users/{u}", poolId, "cat").then().statusCode(204);
        assertThat(historyRows(poolId)).isZero();
    }

    @Test
    void confirmForgotPasswordRefusesAUsedPasswordAndKeepsTheCode() {
        String poolId = poolWithHistory(1);
        String clientId = Auth.createPasswordClient(poolId);
        String address = email("dan");
        Resets.confirmedWithEmail(poolId, "dan", address);
        String code = mailedCode(clientId, "dan", address);
        refused(confirm(clientId, "dan", code, Auth.PASSWORD));
        confirm(clientId, "dan", code, NEW_PASSWORD).then().statusCode(204);
        Auth.signIn(clientId, "dan", NEW_PASSWORD);
    }

    @Test
    void theNewPasswordChallengeRefusesTheTemporaryPassword() {
        String poolId = poolWithHistory(1);
        String clientId = Auth.createPasswordClient(poolId);
        Api.createUser(poolId, "eve", Map.of());
        String session = json(Map.of("clientId", clientId, "username", "eve", "password", "Temp#Passw0rd"))
                .post("/auth/sign-in").then().statusCode(200).extract().path("session");
        Map<String, Object> answer = new HashMap<>(Map.of("clientId", clientId, "challengeName",
                "NEW_PASSWORD_REQUIRED", "session", session, "username", "eve", "newPassword", "Temp#Passw0rd"));
        refused(json(answer).post("/auth/respond-to-challenge"));
        answer.put("newPassword", NEW_PASSWORD);
        json(answer).post("/auth/respond-to-challenge").then().statusCode(200);
    }

    static int historyRows(String poolId) throws SQLException {
        return storedHashes(poolId).size();
    }

    static List<String> storedHashes(String poolId) throws SQLException {
        try (Connection c = Db.connect();
                PreparedStatement q = c.prepareStatement("SELECT password_hash FROM password_history WHERE pool_id = ?")) {
            q.setString(1, poolId);
            List<String> hashes = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    hashes.add(rs.getString(1));
                }
            }
            return hashes;
        }
    }
}
