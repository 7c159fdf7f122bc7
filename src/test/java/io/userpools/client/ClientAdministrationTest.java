package io.userpools.client;

import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Auth.bearer;
import static io.userpools.support.Auth.confirmedUser;
import static io.userpools.support.Auth.createClient;
import static io.userpools.support.Auth.json;
import static io.userpools.support.Auth.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.userpools.common.PaginationTokens;
import io.userpools.common.SecretBox;
import io.userpools.support.Db;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ListUserPoolClients, UpdateUserPoolClient and DeleteUserPoolClient on the REST facade
 * (lifecycle spec 7.3-7.5): pages and their tokens, "a setting left out returns to its default",
 * secrets never shown again, and a deleted client's tokens stopping at once.
 */
@QuarkusTest
class ClientAdministrationTest {

    private static final List<String> PASSWORD_FLOWS = List.of("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH");

    @Inject
    SecretBox box;

    private static String client(String poolId, String name) {
        return createClient(poolId, Map.of("name", name, "generateSecret", true)).getString("clientId");
    }

    // ---- ListUserPoolClients

    @Test
    void listUserPoolClientsPagesInCreationOrderWithoutSecrets() {
        String poolId = createPool();
        List<String> created = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            created.add(client(poolId, name));
        }
        client(createPool(), "elsewhere");
        JsonPath first = admin().queryParam("maxResults", 2).when().get("/pools/{p}/clients", poolId)
                .then().statusCode(200)
                .body("clients", hasSize(2))
                .body("clients.clientSecret", contains(nullValue(), nullValue()))
                .body("clients.hasSecret", contains(true, true))
                .body("nextToken", notNullValue())
                .extract().jsonPath();
        admin().queryParam("maxResults", 2).queryParam("nextToken", first.getString("nextToken"))
                .when().get("/pools/{p}/clients", poolId)
                .then().statusCode(200)
                .body("clients", hasSize(1))
                .body("clients[0].name", equalTo("c"))
                .body("nextToken", nullValue());
        List<String> pageOne = first.getList("clients.clientId");
        assertThat(pageOne).containsExactly(created.get(0), created.get(1));
        admin().when().get("/pools/{p}/clients", poolId).then().statusCode(200)
                .body("clients.clientId", contains(created.toArray()))
                .body("clients.poolId", everyItemIs(poolId))
                .body("nextToken", nullValue());
    }

    private static org.hamcrest.Matcher<Iterable<? extends Object>> everyItemIs(String value) {
        return org.hamcrest.Matchers.everyItem(equalTo(value));
    }

    @Test
    void anEmptyPoolListsNoClients() {
        admin().when().get("/pools/{p}/clients", createPool()).then().statusCode(200)
                .body("clients", hasSize(0)).body("nextToken", nullValue());
    }

    @Test
    void listUserPoolClientsRefusesBadLimitsAndTokensAndUnknownPools() {
        String poolId = createPool();
        client(poolId, "a");
        client(poolId, "b");
        for (int bad : List.of(0, 61, -1)) {
            admin().queryParam("maxResults", bad).when().get("/pools/{p}/clients", poolId)
                    .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
        }
        admin().queryParam("nextToken", "not-a-token").when().get("/pools/{p}/clients", poolId)
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"))
                .body("detail", equalTo("Invalid pagination token"));
        String other = createPool();
        client(other, "x");
        client(other, "y");
        String foreign = admin().queryParam("maxResults", 1).when().get("/pools/{p}/clients", other)
                .then().statusCode(200).extract().path("nextToken");
        admin().queryParam("nextToken", foreign).when().get("/pools/{p}/clients", poolId)
                .then().statusCode(400).contentType(PROBLEM).body("detail", equalTo("Invalid pagination token"));
        String expired = new PaginationTokens(box, Clock.offset(Clock.systemUTC(), Duration.ofHours(-2)))
                .issue(PaginationTokens.clients(poolId), Instant.EPOCH + " a");
        admin().queryParam("nextToken", expired).when().get("/pools/{p}/clients", poolId)
                .then().statusCode(400).contentType(PROBLEM).body("detail", equalTo("Pagination token has expired"));
        admin().when().get("/pools/{p}/clients", "us-east-1_nope12345")
                .then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("ResourceNotFoundException"))
                .body("detail", equalTo("User pool us-east-1_nope12345 does not exist."));
    }

    // ---- UpdateUserPoolClient

    @Test
    void updateUserPoolClientResetsWhatIsLeftOutAndKeepsNameAndSecret() {
        String poolId = createPool();
        JsonPath created = createClient(poolId, Map.of("name", "web", "generateSecret", true,
                "explicitAuthFlows", PASSWORD_FLOWS, "readAttributes", List.of("email", "custom:tier"),
                "writeAttributes", List.of("custom:tier"), "accessTokenValidity", 30,
                "tokenValidityUnits", Map.of("accessToken", "minutes"), "preventUserExistenceErrors", "ENABLED"));
        String clientId = created.getString("clientId");
        adminJson(Map.of()).when().put("/pools/{p}/clients/{c}", poolId, clientId)
                .then().statusCode(200)
                .body("clientId", equalTo(clientId))
                .body("name", equalTo("web"))
                .body("hasSecret", equalTo(true))
                .body("clientSecret", nullValue())
                .body("explicitAuthFlows", contains("ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH",
                        "ALLOW_CUSTOM_AUTH"))
                .body("readAttributes", hasItem("email_verified"))
                .body("readAttributes", not(hasItem("custom:tier")))
                .body("writeAttributes", not(hasItem("custom:tier")))
                .body("writeAttributes", hasItem("email"))
                .body("accessTokenValidity", equalTo(1))
                .body("tokenValidityUnits.accessToken", equalTo("hours"))
                .body("preventUserExistenceErrors", equalTo("LEGACY"))
                .body("createdAt", equalTo(created.getString("createdAt")))
                .body("lastModifiedAt", not(equalTo(created.getString("createdAt"))));
        adminJson(Map.of("name", "renamed", "writeAttributes", List.of("custom:tier"), "idTokenValidity", 10,
                "tokenValidityUnits", Map.of("idToken", "minutes")))
                .when().put("/pools/{p}/clients/{c}", poolId, clientId)
                .then().statusCode(200)
                .body("name", equalTo("renamed"))
                .body("writeAttributes", contains("custom:tier"))
                .body("idTokenValidity", equalTo(10))
                .body("tokenValidityUnits.idToken", equalTo("minutes"));
        admin().when().get("/pools/{p}/clients/{c}", poolId, clientId).then().statusCode(200)
                .body("name", equalTo("renamed"))
                .body("idTokenValidity", equalTo(10))
                .body("explicitAuthFlows", hasSize(3));
    }

    @Test
    void updateUserPoolClientRefusesBadSettingsWithTheUpdatingTexts() {
        String poolId = createPool(Map.of("name", "clients", "schema", List.of(
                Map.of("name", "legacy", "type", "String", "developerOnly", true))));
        String clientId = client(poolId, "web");
        adminJson(Map.of("writeAttributes", List.of("sub"))).when().put("/pools/{p}/clients/{c}", poolId, clientId)
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"))
                .body("detail", equalTo("Invalid write attributes specified while updating a client"));
        adminJson(Map.of("readAttributes", List.of("custom:nope"))).when()
                .put("/pools/{p}/clients/{c}", poolId, clientId)
                .then().statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("Invalid read attributes specified while updating a client"));
        List<Map<String, Object>> bodies = List.of(
                Map.of("generateSecret", true),
                Map.of("explicitAuthFlows", List.of("USER_PASSWORD")),
                Map.of("accessTokenValidity", 2, "tokenValidityUnits", Map.of("accessToken", "days")),
                Map.of("refreshTokenValidity", 30, "tokenValidityUnits", Map.of("refreshToken", "minutes")),
                Map.of("preventUserExistenceErrors", "MAYBE"),
                Map.of("name", ""),
                Map.of("name", "bad/name"));
        for (Map<String, Object> body : bodies) {
            adminJson(body).when().put("/pools/{p}/clients/{c}", poolId, clientId)
                    .then().log().ifValidationFails().statusCode(400).contentType(PROBLEM)
                    .body("code", equalTo("InvalidParameterException"));
        }
        admin().contentType("application/json").when().put("/pools/{p}/clients/{c}", poolId, clientId)
                .then().statusCode(400).contentType(PROBLEM);
        admin().when().get("/pools/{p}/clients/{c}", poolId, clientId).then().statusCode(200)
                .body("name", equalTo("web"));
    }

    @Test
    void updateUserPoolClientOfAnUnknownClientOrPoolIsResourceNotFound() {
        String poolId = createPool();
        String foreign = client(createPool(), "other");
        for (String clientId : List.of(foreign, "nosuchclient1234567890abcd", "bad%20id")) {
            adminJson(Map.of()).when().put("/pools/{p}/clients/" + clientId, poolId)
                    .then().statusCode(404).contentType(PROBLEM)
                    .body("code", equalTo("ResourceNotFoundException"));
        }
        adminJson(Map.of()).when().put("/pools/{p}/clients/{c}", "us-east-1_nope12345", foreign)
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("ResourceNotFoundException"));
    }

    @Test
    void removingAFlowRefusesTheNextSignInAtOnce() {
        String poolId = createPool();
        String clientId = createClient(poolId, Map.of("name", "web", "explicitAuthFlows", PASSWORD_FLOWS))
                .getString("clientId");
        String username = confirmedUser(poolId, "ann", Map.of("email", "ann@example.com"));
        signIn(clientId, username, io.userpools.support.Auth.PASSWORD);
        adminJson(Map.of("explicitAuthFlows", List.of("ALLOW_REFRESH_TOKEN_AUTH")))
                .when().put("/pools/{p}/clients/{c}", poolId, clientId).then().statusCode(200);
        json(Map.of("clientId", clientId, "username", username, "password", io.userpools.support.Auth.PASSWORD))
                .post("/auth/sign-in")
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"))
                .body("detail", equalTo("USER_PASSWORD_AUTH flow not enabled for this client"));
    }

    // ---- DeleteUserPoolClient

    @Test
    void deleteUserPoolClientRemovesItAndStopsItsTokens() throws SQLException {
        String poolId = createPool();
        String clientId = createClient(poolId, Map.of("name", "web", "explicitAuthFlows", PASSWORD_FLOWS))
                .getString("clientId");
        String kept = createClient(poolId, Map.of("name", "kept", "explicitAuthFlows", PASSWORD_FLOWS))
                .getString("clientId");
        String username = confirmedUser(poolId, "bob", Map.of("email", "bob@example.com"));
        JsonPath tokens = signIn(clientId, username, io.userpools.support.Auth.PASSWORD);
        String keptToken = signIn(kept, username, io.userpools.support.Auth.PASSWORD).getString("accessToken");
        bearer(tokens.getString("accessToken")).when().get("/me").then().statusCode(200);

        admin().when().delete("/pools/{p}/clients/{c}", poolId, clientId).then().statusCode(204);

        // revoked in the database too, so that a replica still caching the client refuses its tokens
        assertThat(sessions(poolId, clientId, true)).isZero();
        assertThat(sessions(poolId, clientId, false)).isEqualTo(1);
        assertThat(sessions(poolId, kept, true)).isEqualTo(1);
        bearer(keptToken).when().get("/me").then().statusCode(200);

        bearer(tokens.getString("accessToken")).when().get("/me")
                .then().statusCode(401).contentType(PROBLEM).body("code", equalTo("NotAuthorizedException"));
        json(Map.of("clientId", clientId, "refreshToken", tokens.getString("refreshToken")))
                .post("/auth/refresh")
                .then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("ResourceNotFoundException"))
                .body("detail", equalTo("User pool client " + clientId + " does not exist."));
        json(Map.of("clientId", clientId, "username", username, "password", io.userpools.support.Auth.PASSWORD))
                .post("/auth/sign-in").then().statusCode(404).body("code", equalTo("ResourceNotFoundException"));
        admin().when().get("/pools/{p}/clients/{c}", poolId, clientId).then().statusCode(404);
        admin().when().get("/pools/{p}/clients", poolId).then().statusCode(200)
                .body("clients.clientId", containsInAnyOrder(kept));
        admin().when().get("/pools/{p}/users/{u}", poolId, username).then().statusCode(200);
    }

    /**
     * DeleteUserPoolClient's revocation reads only the client's sessions (index sessions_client,
     * V21), not every session of every pool: planned on 20,000 sessions of 100 clients, in a
     * transaction rolled back afterwards.
     */
    @Test
    void deleteUserPoolClientRevokesSessionsThroughTheClientIndex() throws SQLException {
        String poolId = createPool();
        confirmedUser(poolId, "carol", Map.of("email", "carol@example.com"));
        try (Connection db = Db.connect()) {
            db.setAutoCommit(false);
            try (PreparedStatement fill = db.prepareStatement("INSERT INTO sessions (pool_id, origin_jti, sub, "
                    + "client_id, refresh_hash, auth_time, expires_at) SELECT u.pool_id, gen_random_uuid(), u.sub, "
                    + "'client' || (i % 100), sha256(int4send(i) || u.sub::text::bytea), now(), now() + interval '1 day' "
                    + "FROM users u, generate_series(1, 20000) i WHERE u.pool_id = ?")) {
                fill.setString(1, poolId);
                assertThat(fill.executeUpdate()).isEqualTo(20000);
            }
            StringBuilder plan = new StringBuilder();
            try (var s = db.createStatement()) {
                s.execute("ANALYZE sessions");
                String revoke = ClientRepository.REVOKE_SESSIONS.replace(":at", "now()")
                        .replace(":pool", "'" + poolId + "'").replace(":client", "'client7'");
                try (ResultSet rows = s.executeQuery("EXPLAIN " + revoke)) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
            } finally {
                db.rollback();
            }
            assertThat(plan.toString()).contains("sessions_client").doesNotContain("Seq Scan");
        }
    }

    /** The client's sessions in the database that are live (or revoked). */
    private static int sessions(String poolId, String clientId, boolean live) throws SQLException {
        try (Connection db = Db.connect(); PreparedStatement s = db.prepareStatement("SELECT count(*) FROM sessions "
                + "WHERE pool_id = ? AND client_id = ? AND (revoked_at IS NULL) = ?")) {
            s.setString(1, poolId);
            s.setString(2, clientId);
            s.setBoolean(3, live);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    @Test
    void deleteUserPoolClientOfAnUnknownClientOrPoolIsResourceNotFound() {
        String poolId = createPool();
        String clientId = client(poolId, "web");
        String foreign = client(createPool(), "other");
        admin().when().delete("/pools/{p}/clients/{c}", poolId, foreign)
                .then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("ResourceNotFoundException"))
                .body("detail", equalTo("User pool client " + foreign + " does not exist."));
        admin().when().delete("/pools/{p}/clients/{c}", "us-east-1_nope12345", clientId)
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("ResourceNotFoundException"));
        admin().when().delete("/pools/{p}/clients/{c}", poolId, clientId).then().statusCode(204);
        admin().when().delete("/pools/{p}/clients/{c}", poolId, clientId)
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("ResourceNotFoundException"));
        admin().when().get("/pools/{p}/clients/{c}", createPool(), foreign).then().statusCode(404);
    }

    @Test
    void deleteUserPoolClientServesAnAcceptOfProblemJson() {
        String poolId = createPool();
        String clientId = client(poolId, "web");
        admin().accept(PROBLEM).when().delete("/pools/{p}/clients/{c}", poolId, clientId)
                .then().statusCode(204).body(org.hamcrest.Matchers.emptyString());
        admin().accept(PROBLEM).when().delete("/pools/{p}/clients/{c}", poolId, clientId)
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("ResourceNotFoundException"));
    }

    @Test
    void idsThatCannotBeOnesAreNotFoundOnTheNewRoutes() {
        String poolId = createPool();
        String clientId = client(poolId, "web");
        for (String id : List.of("us-east-1_%C3%A9", "a.b", "us-east-1_abc'", "x".repeat(200))) {
            admin().urlEncodingEnabled(false).get("/pools/" + id + "/clients")
                    .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("ResourceNotFoundException"));
            admin().urlEncodingEnabled(false).delete("/pools/" + poolId + "/clients/" + id)
                    .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("ResourceNotFoundException"));
            adminJson(Map.of()).urlEncodingEnabled(false).put("/pools/" + poolId + "/clients/" + id)
                    .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("ResourceNotFoundException"));
            admin().urlEncodingEnabled(false).delete("/pools/" + id + "/clients/" + clientId)
                    .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("ResourceNotFoundException"));
        }
        admin().when().get("/pools/{p}/clients/{c}", poolId, clientId).then().statusCode(200);
    }

    @Test
    void theNewRoutesNeedAdminCredentials() {
        String poolId = createPool();
        String clientId = client(poolId, "web");
        json(Map.of()).when().put("/pools/{p}/clients/{c}", poolId, clientId)
                .then().statusCode(401).contentType(PROBLEM).body("code", equalTo("NotAuthorizedException"));
        json(Map.of()).when().delete("/pools/{p}/clients/{c}", poolId, clientId)
                .then().statusCode(401).contentType(PROBLEM);
        json(Map.of()).when().get("/pools/{p}/clients", poolId).then().statusCode(401).contentType(PROBLEM);
        admin().when().get("/pools/{p}/clients/{c}", poolId, clientId).then().statusCode(200);
    }
}
