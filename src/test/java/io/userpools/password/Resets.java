package io.userpools.password;

import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Auth.json;

import io.restassured.response.Response;
import io.userpools.support.Auth;
import io.userpools.support.Db;
import io.userpools.support.Mailbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Shared steps of the password tests: pools, users with a verified email, and the reset calls. */
final class Resets {

    static final String NEW_PASSWORD = "N3w#Passw0rd";
    static final String FORGOT = "/auth/forgot-password";
    static final String CONFIRM = "/auth/confirm-forgot-password";
    static final String RESET = "/pools/{poolId}/users/{username}/reset-password";

    private Resets() {
    }

    static String pool() {
        return createPool(Map.of("name", "pw-" + UUID.randomUUID().toString().substring(0, 8)));
    }

    static String email(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** A CONFIRMED user with a permanent password and a verified email. */
    static String confirmedWithEmail(String poolId, String username, String address) {
        return Auth.confirmedUser(poolId, username, Map.of("email", address, "email_verified", "true"));
    }

    static Response forgot(String clientId, String username) {
        return json(Map.of("clientId", clientId, "username", username)).when().post(FORGOT);
    }

    static Response forgot(Map<String, Object> body) {
        return json(body).when().post(FORGOT);
    }

    static Response confirm(String clientId, String username, String code, String password) {
        return json(Map.of("clientId", clientId, "username", username, "code", code, "password", password))
                .when().post(CONFIRM);
    }

    static Response adminReset(String poolId, String username) {
        return admin().when().post(RESET, poolId, username);
    }

    /** Asks for a reset code and answers it, read from the mail (the mail count before is given). */
    static String mailedCode(String clientId, String username, String address) {
        int before = Mailbox.to(address).size();
        forgot(clientId, username).then().statusCode(200);
        return Mailbox.await(address, before + 1).code();
    }

    static String otherThan(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    static String status(String poolId, String username) {
        return admin().get("/pools/{p}/users/{u}", poolId, username).then().statusCode(200).extract()
                .path("status");
    }

    static void setAttributes(String poolId, String username, Map<String, String> attributes) {
        adminJson(Map.of("attributes", new HashMap<>(attributes))).patch("/pools/{p}/users/{u}/attributes", poolId,
                username).then().statusCode(200);
    }

    /** Runs an UPDATE on verification_codes for the pool's reset codes (to age them). */
    static void ageResetCodes(String poolId, String setClause) {
        try (Connection c = Db.connect(); PreparedStatement s = c.prepareStatement("UPDATE verification_codes SET "
                + setClause + " WHERE pool_id = ? AND attribute_name = 'password_reset'")) {
            s.setString(1, poolId);
            if (s.executeUpdate() != 1) {
                throw new AssertionError("no reset code in pool " + poolId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
