package io.userpools.password;

import static io.userpools.support.Auth.bearer;
import static io.userpools.support.Auth.json;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.userpools.support.Auth;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code userpools.revoke-sessions-on-password-change=true} (lifecycle spec 4.5): ChangePassword
 * revokes every other session of the user (refresh and access tokens) and keeps the caller's;
 * ConfirmForgotPassword revokes them all.
 */
@QuarkusTest
@TestProfile(RevokeSessionsOnPasswordChangeTest.Revoking.class)
class RevokeSessionsOnPasswordChangeTest {

    /** Its own application, with the deployment key set. */
    public static class Revoking implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("userpools.revoke-sessions-on-password-change", "true");
        }
    }

    static void refresh(String clientId, JsonPath session, int status) {
        json(Map.of("clientId", clientId, "refreshToken", session.getString("refreshToken"))).post("/auth/refresh")
                .then().statusCode(status);
    }

    @Test
    void changePasswordKeepsOnlyTheCallersSession() {
        String poolId = Resets.pool();
        String clientId = Auth.createPasswordClient(poolId);
        Resets.confirmedWithEmail(poolId, "ann", Resets.email("ann"));
        JsonPath other = Auth.signIn(clientId, "ann", Auth.PASSWORD);
        JsonPath caller = Auth.signIn(clientId, "ann", Auth.PASSWORD);
        bearer(caller.getString("accessToken")).contentType(ContentType.JSON)
                .body(Map.of("previousPassword", Auth.PASSWORD, "proposedPassword", Resets.NEW_PASSWORD))
                .put("/me/password").then().statusCode(204);
        bearer(caller.getString("accessToken")).get("/me").then().statusCode(200);
        refresh(clientId, caller, 200);
        bearer(other.getString("accessToken")).get("/me").then().statusCode(401)
                .body("detail", equalTo("Access Token has been revoked"));
        refresh(clientId, other, 401);
    }

    @Test
    void confirmForgotPasswordRevokesEverySession() {
        String poolId = Resets.pool();
        String clientId = Auth.createPasswordClient(poolId);
        String address = Resets.email("bob");
        Resets.confirmedWithEmail(poolId, "bob", address);
        JsonPath session = Auth.signIn(clientId, "bob", Auth.PASSWORD);
        String code = Resets.mailedCode(clientId, "bob", address);
        Resets.confirm(clientId, "bob", code, Resets.NEW_PASSWORD).then().statusCode(204);
        refresh(clientId, session, 401);
        bearer(session.getString("accessToken")).get("/me").then().statusCode(401);
        Auth.signIn(clientId, "bob", Resets.NEW_PASSWORD);
    }
}
