package io.userpools.event;

import static io.restassured.RestAssured.given;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Creating, reading and removing subscriptions, and every error of those routes. */
@QuarkusTest
class SubscriptionResourceTest {

    static final String SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString("0123456789abcdef0123".getBytes());

    static Map<String, Object> body(String url, List<String> events) {
        return new HashMap<>(Map.of("url", url, "events", events, "secret", SECRET));
    }

    static String subscribe(String poolId, String url, List<String> events) {
        return adminJson(body(url, events)).when().post("/pools/{poolId}/subscriptions", poolId)
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void aSubscriptionIsCreatedListedShownAndRemovedWithoutItsSecret() {
        String poolId = createPool();
        String location = adminJson(body("https://127.0.0.1:9/userpools",
                List.of("user.created", "user.deleted", "user.created")))
                .when().post("/pools/{poolId}/subscriptions", poolId)
                .then().statusCode(201).contentType("application/json")
                .body("url", equalTo("https://127.0.0.1:9/userpools"))
                .body("events", equalTo(List.of("user.created", "user.deleted")))
                .body("poolId", equalTo(poolId)).body("pending", equalTo(0))
                .body("parked.size()", equalTo(0)).body("$", not(hasKey("secret")))
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        String listed = admin().when().get("/pools/{poolId}/subscriptions", poolId).then().statusCode(200)
                .body("subscriptions.size()", equalTo(1)).body("subscriptions[0].id", equalTo(id))
                .extract().asString();
        assertThat(listed).doesNotContain(SECRET).doesNotContain("secret");
        admin().when().get(location).then().statusCode(200).body("id", equalTo(id));
        admin().when().delete("/pools/{poolId}/subscriptions/{id}", poolId, id).then().statusCode(204);
        admin().when().get("/pools/{poolId}/subscriptions/{id}", poolId, id).then().statusCode(404)
                .contentType(PROBLEM).body("code", equalTo("ResourceNotFoundException"));
        admin().when().delete("/pools/{poolId}/subscriptions/{id}", poolId, id).then().statusCode(404)
                .body("code", equalTo("ResourceNotFoundException"));
        admin().when().get("/pools/{poolId}/subscriptions", poolId).then().body("subscriptions.size()", equalTo(0));
    }

    @Test
    void badBodiesAreInvalidParameterAndChangeNothing() {
        String poolId = createPool();
        List<Map<String, Object>> bad = List.of(
                body("ftp://hooks.example.com/x", List.of("user.created")),
                body("hooks.example.com/x", List.of("user.created")),
                body("https://user:pw@hooks.example.com/x", List.of("user.created")),
                body("https://hooks.example.com/x#frag", List.of("user.created")),
                body("https://hooks.example.com/x", List.of("user.renamed")),
                body("https://hooks.example.com/x", List.of()),
                body("https://hooks.example.com/" + "a".repeat(2100), List.of("user.created")),
                // the egress rule: private, link-local and unspecified addresses are not reachable here
                body("https://10.1.2.3/hook", List.of("user.created")),
                body("https://169.254.169.254/latest", List.of("user.created")),
                body("https://[fd00::1]/hook", List.of("user.created")),
                body("https://0.0.0.0/hook", List.of("user.created")));
        for (Map<String, Object> request : bad) {
            adminJson(request).when().post("/pools/{poolId}/subscriptions", poolId)
                    .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
        }
        Map<String, Object> shortSecret = body("https://hooks.example.com/x", List.of("user.created"));
        shortSecret.put("secret", "short");
        Map<String, Object> noUrl = body("https://hooks.example.com/x", List.of("user.created"));
        noUrl.remove("url");
        Map<String, Object> unknownField = body("https://hooks.example.com/x", List.of("user.created"));
        unknownField.put("filter", "x");
        for (Map<String, Object> request : List.of(shortSecret, noUrl, unknownField)) {
            adminJson(request).when().post("/pools/{poolId}/subscriptions", poolId)
                    .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
        }
        admin().when().get("/pools/{poolId}/subscriptions", poolId).then().body("subscriptions.size()", equalTo(0));
    }

    @Test
    void unknownPoolsAndSubscriptionsAreNotFoundAndOnlyAdminsMayCall() {
        String poolId = createPool();
        String missing = "us-east-1_Nope00000";
        adminJson(body("https://hooks.example.com/x", List.of("user.created")))
                .when().post("/pools/{poolId}/subscriptions", missing)
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("ResourceNotFoundException"));
        admin().when().get("/pools/{poolId}/subscriptions", missing).then().statusCode(404);
        for (String id : List.of(UUID.randomUUID().toString(), "nope", "..%2F..", "A".repeat(300))) {
            admin().when().get("/pools/{poolId}/subscriptions/{id}", poolId, id).then().statusCode(404)
                    .contentType(PROBLEM).body("code", equalTo("ResourceNotFoundException"));
            admin().when().post("/pools/{poolId}/subscriptions/{id}/retry", poolId, id).then().statusCode(404);
        }
        // another pool's subscription is not found through this pool
        String other = createPool();
        String theirs = subscribe(other, "https://127.0.0.1:9/x", List.of("user.created"));
        admin().when().get("/pools/{poolId}/subscriptions/{id}", poolId, theirs).then().statusCode(404);
        admin().when().delete("/pools/{poolId}/subscriptions/{id}", poolId, theirs).then().statusCode(404);
        admin().when().get("/pools/{poolId}/subscriptions/{id}", other, theirs).then().statusCode(200);

        given().contentType("application/json").body(body("https://hooks.example.com/x", List.of("user.created")))
                .when().post("/pools/{poolId}/subscriptions", poolId)
                .then().statusCode(401).contentType(PROBLEM).body("code", equalTo("NotAuthorizedException"));
        given().when().get("/pools/{poolId}/subscriptions", poolId).then().statusCode(401);
        given().when().delete("/pools/{poolId}/subscriptions/{id}", other, theirs).then().statusCode(401);
        admin().when().get("/pools/{poolId}/subscriptions/{id}", other, theirs).then().statusCode(200);
    }
}
