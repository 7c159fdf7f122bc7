package io.userpools.auth;

import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.ADMIN_SECRET;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Auth.accessToken;
import static io.userpools.support.Auth.bearer;
import static io.userpools.support.Auth.confirmedUser;
import static io.userpools.support.Auth.createPasswordClient;
import static io.userpools.support.Auth.signIn;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hostile tokens against GET /me, and the check order of behaviour spec 2.1. */
@QuarkusTest
class AccessTokenChecksTest {

    @Inject
    PoolKeys keys;

    @Inject
    Pool sql;

    TokenForge forge;
    String poolId;
    String clientId;
    String token;

    @BeforeEach
    void signedInUser() {
        forge = new TokenForge(keys);
        poolId = createPool();
        clientId = createPasswordClient(poolId);
        confirmedUser(poolId, "alice", Map.of("email", "alice@example.com"));
        token = accessToken(clientId, "alice");
    }

    private static void rejected(String token, int status, String code, String detail) {
        bearer(token).when().get("/me")
                .then().statusCode(status).contentType(PROBLEM)
                .body("code", equalTo(code))
                .body("detail", equalTo(detail));
    }

    private static void invalid(String token) {
        rejected(token, 401, "NotAuthorizedException", "Invalid Access Token");
    }

    @Test
    void theRealTokenWorks() {
        bearer(token).when().get("/me").then().statusCode(200).body("username", equalTo("alice"));
    }

    @Test
    void malformedOrMissingTokensAreInvalid() {
        invalid("not-a-jwt");
        invalid("a.b.c");
        invalid(token + "x");
        io.restassured.RestAssured.given().when().get("/me").then().statusCode(401).contentType(PROBLEM)
                .body("code", equalTo("NotAuthorizedException")).body("detail", equalTo("Invalid Access Token"));
    }

    @Test
    void aForgedSignatureIsInvalid() throws Exception {
        invalid(forge.signWithForeignKey(poolId, TokenForge.claimsOf(token)));
    }

    @Test
    void aTamperedPayloadIsInvalid() {
        Map<String, Object> claims = TokenForge.claimsOf(token);
        claims.put("username", "mallory");
        invalid(TokenForge.withPayload(token, claims));
        Map<String, Object> later = TokenForge.claimsOf(token);
        later.put("exp", ((Number) later.get("exp")).longValue() + 86_400);
        invalid(TokenForge.withPayload(token, later));
    }

    @Test
    void anUnknownKidIsInvalid() {
        invalid(forge.signWithKid(poolId, TokenForge.claimsOf(token), "no-such-kid"));
    }

    @Test
    void algNoneIsInvalid() {
        invalid(forge.unsigned(poolId, TokenForge.claimsOf(token)));
    }

    @Test
    void hs256SignedWithThePublicKeyIsInvalid() {
        invalid(forge.hs256WithPublicKey(poolId, TokenForge.claimsOf(token)));
    }

    @Test
    void anIdTokenIsNotAnAccessToken() {
        JsonPath result = signIn(clientId, "alice", io.userpools.support.Auth.PASSWORD);
        invalid(result.getString("idToken"));
        Map<String, Object> claims = TokenForge.claimsOf(token);
        claims.put("token_use", "id");
        invalid(forge.signWithPoolKey(poolId, claims));
    }

    @Test
    void aForeignIssuerIsInvalid() {
        Map<String, Object> claims = TokenForge.claimsOf(token);
        claims.put("iss", "https://cognito-idp.us-east-1.amazonaws.com/" + poolId);
        invalid(forge.signWithPoolKey(poolId, claims));
    }

    @Test
    void anUnknownClientIsInvalid() {
        Map<String, Object> claims = TokenForge.claimsOf(token);
        claims.put("client_id", "nosuchclient0000000000000a");
        invalid(forge.signWithPoolKey(poolId, claims));
    }

    @Test
    void anAdminSecretIsNotAnAccessToken() {
        invalid(ADMIN_SECRET);
        bearer(ADMIN_SECRET).when().post("/me/global-sign-out").then().statusCode(401).contentType(PROBLEM)
                .body("detail", equalTo("Invalid Access Token"));
    }

    @Test
    void anAccessTokenIsNotAnAdminCredential() {
        bearer(token).when().get("/pools/{p}", poolId).then().statusCode(401).contentType(PROBLEM)
                .body("code", equalTo("NotAuthorizedException"));
        bearer(token).when().get("/pools/{p}/users/alice", poolId).then().statusCode(401);
    }

    @Test
    void anExpiredTokenSaysSo() {
        Map<String, Object> claims = TokenForge.claimsOf(token);
        long now = System.currentTimeMillis() / 1000;
        claims.put("iat", now - 7200);
        claims.put("exp", now - 3600);
        rejected(forge.signWithPoolKey(poolId, claims), 401, "NotAuthorizedException", "Access Token has expired");
    }

    @Test
    void expiryIsCheckedBeforeRevocation() {
        Map<String, Object> claims = TokenForge.claimsOf(token);
        claims.put("exp", System.currentTimeMillis() / 1000 - 1);
        String expired = forge.signWithPoolKey(poolId, claims);
        admin().when().post("/pools/{p}/users/alice/global-sign-out", poolId).then().statusCode(204);
        rejected(expired, 401, "NotAuthorizedException", "Access Token has expired");
    }

    @Test
    void aRevokedTokenSaysSo() {
        bearer(token).when().post("/me/global-sign-out").then().statusCode(204);
        rejected(token, 401, "NotAuthorizedException", "Access Token has been revoked");
    }

    @Test
    void aTokenWithoutTheScopeSaysSo() {
        Map<String, Object> claims = TokenForge.claimsOf(token);
        claims.put("scope", "openid email");
        rejected(forge.signWithPoolKey(poolId, claims), 401, "NotAuthorizedException",
                "Access Token does not have required scopes");
        claims.remove("scope");
        rejected(forge.signWithPoolKey(poolId, claims), 401, "NotAuthorizedException",
                "Access Token does not have required scopes");
    }

    @Test
    void revocationIsCheckedBeforeScope() {
        Map<String, Object> claims = TokenForge.claimsOf(token);
        claims.remove("scope");
        String noScope = forge.signWithPoolKey(poolId, claims);
        admin().when().post("/pools/{p}/users/alice/global-sign-out", poolId).then().statusCode(204);
        rejected(noScope, 401, "NotAuthorizedException", "Access Token has been revoked");
    }

    @Test
    void aDeletedUsersTokenSaysTheUserIsGone() {
        admin().when().delete("/pools/{p}/users/alice", poolId).then().statusCode(204);
        rejected(token, 404, "UserNotFoundException", "User does not exist.");
    }

    @Test
    void aDisabledUsersTokenIsRevoked() {
        admin().when().post("/pools/{p}/users/alice/disable", poolId).then().statusCode(204);
        rejected(token, 401, "NotAuthorizedException", "Access Token has been revoked");
        admin().when().post("/pools/{p}/users/alice/enable", poolId).then().statusCode(204);
        rejected(token, 401, "NotAuthorizedException", "Access Token has been revoked");
    }

    @Test
    void aDisabledUserWithALiveSessionIsDisabled() {
        execute("UPDATE users SET enabled = FALSE WHERE pool_id = $1 AND username = 'alice'");
        rejected(token, 401, "NotAuthorizedException", "User is disabled.");
    }

    @Test
    void statusChecksComeLast() {
        execute("UPDATE users SET status = 'RESET_REQUIRED' WHERE pool_id = $1 AND username = 'alice'");
        rejected(token, 400, "PasswordResetRequiredException", "Password reset required for the user");
        execute("UPDATE users SET status = 'UNCONFIRMED' WHERE pool_id = $1 AND username = 'alice'");
        rejected(token, 400, "UserNotConfirmedException", "User is not confirmed.");
    }

    @Test
    void aRejectedTokenChangesNothing() {
        Map<String, Object> claims = TokenForge.claimsOf(token);
        claims.put("exp", System.currentTimeMillis() / 1000 - 1);
        bearer(forge.signWithPoolKey(poolId, claims)).when().post("/me/global-sign-out").then().statusCode(401);
        bearer(TokenForge.withPayload(token, Map.of("sub", claims.get("sub")))).when().post("/me/global-sign-out")
                .then().statusCode(401);
        bearer(token).when().get("/me").then().statusCode(200);
    }

    private void execute(String statement) {
        sql.preparedQuery(statement).execute(Tuple.of(poolId)).await().indefinitely();
    }
}
