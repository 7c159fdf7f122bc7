package io.userpools.auth;

import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Api.createUser;
import static io.userpools.support.Auth.PASSWORD;
import static io.userpools.support.Auth.bearer;
import static io.userpools.support.Auth.confirmedUser;
import static io.userpools.support.Auth.createClient;
import static io.userpools.support.Auth.createPasswordClient;
import static io.userpools.support.Auth.header;
import static io.userpools.support.Auth.json;
import static io.userpools.support.Auth.passwordPool;
import static io.userpools.support.Auth.payload;
import static io.userpools.support.Auth.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.userpools.support.Auth.PasswordPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /auth/sign-in, /auth/refresh and /auth/respond-to-challenge (behaviour spec 2.12). */
@QuarkusTest
class SignInTest {

    private static final List<String> FLOWS = List.of("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH");

    @Inject
    Pool sql;

    private static void fails(Map<String, Object> body, String path, int status, String code, String detail) {
        json(body).when().post(path).then().statusCode(status).contentType(PROBLEM)
                .body("code", equalTo(code)).body("detail", equalTo(detail));
    }

    @Test
    void signInAnswersTokensWithCognitosClaims() {
        String poolId = createPool();
        String clientId = createClient(poolId, Map.of("name", "web", "explicitAuthFlows", FLOWS,
                "readAttributes", List.of("email", "email_verified", "custom:tier", "updated_at"))).getString("clientId");
        confirmedUser(poolId, "alice", Map.of("email", "alice@example.com", "email_verified", "true",
                "custom:tier", "7", "name", "Alice", "updated_at", "1700000000"));
        JsonPath result = json(Map.of("clientId", clientId, "username", "alice", "password", PASSWORD))
                .when().post("/auth/sign-in").then().statusCode(200)
                .body("tokenType", equalTo("Bearer")).body("expiresIn", equalTo(3600))
                .body("refreshToken", notNullValue()).body("challengeName", nullValue())
                .extract().jsonPath();
        String issuer = "http://localhost:8080/pools/" + poolId;
        String sub = admin().get("/pools/{p}/users/alice", poolId).then().extract().path("sub");

        JsonPath access = payload(result.getString("accessToken"));
        assertThat(header(result.getString("accessToken")).getString("alg")).isEqualTo("RS256");
        assertThat(header(result.getString("accessToken")).getString("kid")).isNotBlank();
        assertThat(access.getString("iss")).isEqualTo(issuer);
        assertThat(access.getString("token_use")).isEqualTo("access");
        assertThat(access.getString("scope")).isEqualTo("aws.cognito.signin.user.admin");
        assertThat(access.getString("client_id")).isEqualTo(clientId);
        assertThat(access.getString("username")).isEqualTo("alice");
        assertThat(access.getString("sub")).isEqualTo(sub);
        assertThat(access.getMap("")).containsKeys("jti", "origin_jti", "event_id", "auth_time", "iat", "exp")
                .doesNotContainKeys("aud", "email", "cognito:username");
        assertThat(access.getLong("exp") - access.getLong("iat")).isEqualTo(3600);

        JsonPath id = payload(result.getString("idToken"));
        assertThat(id.getString("token_use")).isEqualTo("id");
        assertThat(id.getString("aud")).isEqualTo(clientId);
        assertThat(id.getString("'cognito:username'")).isEqualTo("alice");
        assertThat(id.getString("origin_jti")).isEqualTo(access.getString("origin_jti"));
        assertThat(id.getString("jti")).isNotEqualTo(access.getString("jti"));
        assertThat(id.getBoolean("email_verified")).isTrue();
        assertThat(id.getString("'custom:tier'")).isEqualTo("7");
        assertThat(id.getLong("updated_at")).isEqualTo(1700000000L);
        assertThat(id.getMap("")).doesNotContainKey("name");
    }

    @Test
    void refreshKeepsTheSessionAndIssuesNewTokens() {
        PasswordPool pool = passwordPool("alice");
        JsonPath first = signIn(pool.clientId(), "alice", PASSWORD);
        JsonPath refreshed = json(Map.of("clientId", pool.clientId(), "refreshToken", first.getString("refreshToken")))
                .when().post("/auth/refresh").then().statusCode(200)
                .body("refreshToken", nullValue()).body("tokenType", equalTo("Bearer"))
                .extract().jsonPath();
        JsonPath before = payload(first.getString("accessToken"));
        JsonPath after = payload(refreshed.getString("accessToken"));
        assertThat(after.getString("origin_jti")).isEqualTo(before.getString("origin_jti"));
        assertThat(after.getString("jti")).isNotEqualTo(before.getString("jti"));
        assertThat(after.getLong("auth_time")).isEqualTo(before.getLong("auth_time"));
        bearer(refreshed.getString("accessToken")).when().get("/me").then().statusCode(200);
    }

    @Test
    void refreshRejectsUnknownForeignAndUnflowedTokens() {
        String poolId = createPool();
        String clientId = createPasswordClient(poolId);
        String otherClient = createPasswordClient(poolId);
        String noRefresh = createClient(poolId, Map.of("name", "x", "explicitAuthFlows",
                List.of("ALLOW_USER_PASSWORD_AUTH"))).getString("clientId");
        confirmedUser(poolId, "alice", Map.of());
        String refresh = signIn(clientId, "alice", PASSWORD).getString("refreshToken");
        fails(Map.of("clientId", clientId, "refreshToken", "nope"), "/auth/refresh", 401, "NotAuthorizedException",
                "Invalid Refresh Token");
        fails(Map.of("clientId", otherClient, "refreshToken", refresh), "/auth/refresh", 401,
                "NotAuthorizedException", "Invalid Refresh Token");
        fails(Map.of("clientId", noRefresh, "refreshToken", refresh), "/auth/refresh", 400,
                "InvalidParameterException", "REFRESH_TOKEN_AUTH flow not enabled for this client");
        fails(Map.of("clientId", "nosuchclient", "refreshToken", refresh), "/auth/refresh", 404,
                "ResourceNotFoundException", "User pool client nosuchclient does not exist.");
        sql.preparedQuery("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE pool_id = $1")
                .execute(Tuple.of(poolId)).await().indefinitely();
        fails(Map.of("clientId", clientId, "refreshToken", refresh), "/auth/refresh", 401, "NotAuthorizedException",
                "Refresh Token has expired");
    }

    @Test
    void theChecksOfSignInSpeakInCognitosOrder() {
        String poolId = createPool();
        String clientId = createPasswordClient(poolId);
        String srpOnly = createClient(poolId, Map.of("name", "srp")).getString("clientId");
        confirmedUser(poolId, "alice", Map.of());
        fails(Map.of("clientId", "nosuchclient", "username", "alice", "password", PASSWORD), "/auth/sign-in", 404,
                "ResourceNotFoundException", "User pool client nosuchclient does not exist.");
        fails(Map.of("clientId", srpOnly, "username", "alice", "password", PASSWORD), "/auth/sign-in", 400,
                "InvalidParameterException", "USER_PASSWORD_AUTH flow not enabled for this client");
        fails(Map.of("clientId", clientId, "username", "nobody", "password", PASSWORD), "/auth/sign-in", 404,
                "UserNotFoundException", "User does not exist.");
        fails(Map.of("clientId", clientId, "username", "alice", "password", "Wr0ng#Pass"), "/auth/sign-in", 401,
                "NotAuthorizedException", "Incorrect username or password.");
        admin().post("/pools/{p}/users/alice/disable", poolId).then().statusCode(204);
        fails(Map.of("clientId", clientId, "username", "alice", "password", "Wr0ng#Pass"), "/auth/sign-in", 401,
                "NotAuthorizedException", "User is disabled.");
        admin().post("/pools/{p}/users/alice/enable", poolId).then().statusCode(204);
        signIn(clientId, "alice", PASSWORD);
        status(poolId, "UNCONFIRMED");
        fails(Map.of("clientId", clientId, "username", "alice", "password", PASSWORD), "/auth/sign-in", 400,
                "UserNotConfirmedException", "User is not confirmed.");
        fails(Map.of("clientId", clientId, "username", "alice", "password", "Wr0ng#Pass"), "/auth/sign-in", 401,
                "NotAuthorizedException", "Incorrect username or password.");
        status(poolId, "RESET_REQUIRED");
        fails(Map.of("clientId", clientId, "username", "alice", "password", PASSWORD), "/auth/sign-in", 400,
                "PasswordResetRequiredException", "Password reset required for the user");
    }

    @Test
    void preventUserExistenceErrorsHidesUnknownUsers() {
        String poolId = createPool();
        String clientId = createClient(poolId, Map.of("name", "web", "explicitAuthFlows", FLOWS,
                "preventUserExistenceErrors", "ENABLED")).getString("clientId");
        fails(Map.of("clientId", clientId, "username", "nobody", "password", PASSWORD), "/auth/sign-in", 401,
                "NotAuthorizedException", "Incorrect username or password.");
    }

    @Test
    void aClientWithASecretNeedsTheSecretHash() {
        String poolId = createPool();
        JsonPath client = createClient(poolId, Map.of("name", "server", "explicitAuthFlows", FLOWS,
                "generateSecret", true));
        String clientId = client.getString("clientId");
        String secret = client.getString("clientSecret");
        confirmedUser(poolId, "alice", Map.of());
        String detail = "Unable to verify secret hash for client " + clientId;
        String missing = "Client " + clientId + " is configured for secret but secret was not received";
        fails(Map.of("clientId", clientId, "username", "alice", "password", PASSWORD), "/auth/sign-in", 401,
                "NotAuthorizedException", missing);
        fails(Map.of("clientId", clientId, "username", "alice", "password", PASSWORD,
                "secretHash", SecretHash.of(secret, "bob", clientId)), "/auth/sign-in", 401,
                "NotAuthorizedException", detail);
        // the secret hash is checked before the user exists
        fails(Map.of("clientId", clientId, "username", "nobody", "password", PASSWORD), "/auth/sign-in", 401,
                "NotAuthorizedException", missing);
        String refresh = json(Map.of("clientId", clientId, "username", "alice", "password", PASSWORD,
                "secretHash", SecretHash.of(secret, "alice", clientId)))
                .when().post("/auth/sign-in").then().statusCode(200).extract().path("refreshToken");
        fails(Map.of("clientId", clientId, "refreshToken", refresh), "/auth/refresh", 401, "NotAuthorizedException",
                missing);
        json(Map.of("clientId", clientId, "refreshToken", refresh, "secretHash", SecretHash.of(secret, "alice", clientId)))
                .when().post("/auth/refresh").then().statusCode(200);
    }

    @Test
    void signInWorksWithAnEmailInAUsernameAttributesPool() {
        String poolId = createPool(Map.of("name", "by-email", "usernameAttributes", List.of("email")));
        String clientId = createPasswordClient(poolId);
        String username = confirmedUser(poolId, "carol@example.com", Map.of());
        JsonPath result = signIn(clientId, "carol@example.com", PASSWORD);
        assertThat(payload(result.getString("accessToken")).getString("username")).isEqualTo(username);
    }

    @Test
    void aTemporaryPasswordLeadsToTheNewPasswordChallenge() {
        String poolId = createPool();
        String clientId = createPasswordClient(poolId);
        createUser(poolId, "dave", Map.of());
        JsonPath challenge = json(Map.of("clientId", clientId, "username", "dave", "password", "Temp#Passw0rd"))
                .when().post("/auth/sign-in").then().statusCode(200)
                .body("challengeName", equalTo("NEW_PASSWORD_REQUIRED"))
                .body("accessToken", nullValue())
                .body("challengeParameters.USER_ID_FOR_SRP", equalTo("dave"))
                .extract().jsonPath();
        String session = challenge.getString("session");
        Map<String, Object> answer = new HashMap<>(Map.of("clientId", clientId, "challengeName", "NEW_PASSWORD_REQUIRED",
                "session", session, "username", "dave", "newPassword", "short"));
        fails(answer, "/auth/respond-to-challenge", 400, "InvalidPasswordException",
                "Password does not conform to policy: Password not long enough");
        answer.put("newPassword", "N3w#Passw0rd");
        answer.put("session", session.substring(0, session.length() - 2) + "AA");
        fails(answer, "/auth/respond-to-challenge", 401, "NotAuthorizedException", "Invalid session for the user.");
        answer.put("session", session);
        answer.put("username", "erin");
        fails(answer, "/auth/respond-to-challenge", 401, "NotAuthorizedException", "Invalid session for the user.");
        answer.put("username", "dave");
        String token = json(answer).when().post("/auth/respond-to-challenge").then().statusCode(200)
                .body("tokenType", equalTo("Bearer")).extract().path("accessToken");
        bearer(token).when().get("/me").then().statusCode(200).body("status", equalTo("CONFIRMED"));
        fails(answer, "/auth/respond-to-challenge", 401, "NotAuthorizedException", "Invalid session for the user.");
        signIn(clientId, "dave", "N3w#Passw0rd");
    }

    @Test
    void badBodiesAreInvalidParameters() {
        json(Map.of("clientId", "abc")).when().post("/auth/sign-in").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"));
        json(Map.of("clientId", "abc", "refreshToken", "x", "typo", 1)).when().post("/auth/refresh")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
    }

    private void status(String poolId, String status) {
        sql.preparedQuery("UPDATE users SET status = $2 WHERE pool_id = $1").execute(Tuple.of(poolId, status))
                .await().indefinitely();
    }
}
