package io.userpools.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** Shared REST Assured helpers: admin calls and fresh pools and users per test. */
public final class Api {

    public static final String ADMIN_SECRET = "test-admin-secret";
    /** The secret of the test profile's scrape-only key {@code scraper} (userpools.metrics.keys). */
    public static final String METRICS_SECRET = "test-metrics-secret";
    public static final String PROBLEM = "application/problem+json";

    private Api() {
    }

    /** A request with the test admin credential. */
    public static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + ADMIN_SECRET);
    }

    /** A request with a JSON body and the admin credential. */
    public static RequestSpecification adminJson(Object body) {
        return admin().contentType(ContentType.JSON).body(body);
    }

    /** Creates a pool from the given body and answers its id. */
    public static String createPool(Map<String, Object> body) {
        return adminJson(body).post("/pools").then().statusCode(201).extract().path("id");
    }

    /** Creates a plain pool with a custom String attribute {@code custom:tier}. */
    public static String createPool() {
        return createPool(Map.of("name", "test-" + UUID.randomUUID().toString().substring(0, 8),
                "schema", java.util.List.of(Map.of("name", "tier", "type", "String", "mutable", true))));
    }

    /**
     * Creates a user with the given attributes and answers its username. No invitation is sent
     * (SUPPRESS), so a test's mailbox and trigger see only what the test itself causes.
     */
    public static String createUser(String poolId, String username, Map<String, String> attributes) {
        return adminJson(Map.of("username", username, "attributes", attributes, "temporaryPassword", "Temp#Passw0rd",
                "messageAction", "SUPPRESS"))
                .post("/pools/{poolId}/users", poolId)
                .then().statusCode(201).extract().path("username");
    }
}
