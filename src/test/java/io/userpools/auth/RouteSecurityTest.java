package io.userpools.auth;

import static io.restassured.RestAssured.given;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.userpools.support.Api;
import io.userpools.support.Auth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Walks every operation of the served OpenAPI document and proves that a route is closed unless
 * it is one of the documented public ones: no credentials, a wrong admin key, a metrics key, an
 * access token on an admin route, an admin key on a self-service route, and hostile path segments all answer 401
 * NotAuthorizedException, before any body is read or anything changes.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteSecurityTest {

    /** Sign-in, refresh, the challenge answer, sign-up, JWKS and discovery: callable without credentials. */
    private static final Set<String> PUBLIC = Set.of("initiateAuth", "initiateAuthRefresh", "respondToAuthChallenge",
            "getJwks", "getOpenIdConfiguration", "signUp", "confirmSignUp", "resendConfirmationCode",
            "forgotPassword", "confirmForgotPassword", "uploadUserImportFile", "confirmSignUpByLink");
    private static final Set<String> SELF_SERVICE = Set.of("getUser", "globalSignOut", "updateUserAttributes",
            "deleteUserAttributes", "getUserAttributeVerificationCode", "verifyUserAttribute", "changePassword");
    /** The PreSignedUrl of CreateUserImportJob: no credential, but a secret in its query string. */
    private static final String UPLOAD_URL = "uploadUserImportFile";
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    /** Raw (already encoded where needed) path segments an attacker would try. */
    private static final List<String> HOSTILE_SEGMENTS = List.of(".well-known", "%2Ewell-known", ".well-known%2Fjwks.json",
            "a%2Fb", "%2F", "..", "%2E%2E", ";", "a;b=.well-known", "%00", "a%00b", "%C3%A9l%C3%A8ve", "%F0%9D%94%98",
            "%ED%A0%80", "%FF", "%25", "%20", "*");

    /** Segments that make the path another one (dot segments, an empty segment, a bare matrix parameter). */
    private static final Set<String> COLLAPSING = Set.of("..", "%2E%2E", "%2F", ";");

    record Route(String method, String template, String operationId) {
        boolean isPublic() {
            return PUBLIC.contains(operationId);
        }

        boolean isSelfService() {
            return SELF_SERVICE.contains(operationId);
        }

        String path(String segment) {
            Matcher m = PARAM.matcher(template);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(segment));
            }
            return m.appendTail(out).toString();
        }
    }

    private final List<Route> routes = new ArrayList<>();
    private String poolId;
    private String accessToken;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void readDocumentAndSignIn() {
        if (poolId != null) {
            return;
        }
        Map<String, Map<String, Object>> paths = given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        paths.forEach((template, operations) -> operations.forEach((method, operation) -> {
            if (operation instanceof Map<?, ?> op && op.get("operationId") != null) {
                routes.add(new Route(method.toUpperCase(), template, (String) op.get("operationId")));
            }
        }));
        poolId = Api.createPool();
        String clientId = Auth.createPasswordClient(poolId);
        Auth.confirmedUser(poolId, "walker", Map.of("email", "walker@example.com"));
        accessToken = Auth.accessToken(clientId, "walker");
    }

    @Test
    void theDocumentNamesEveryRouteAndItsCallers() {
        assertThat(routes).hasSizeGreaterThanOrEqualTo(29);
        assertThat(routes).extracting(Route::operationId).containsAll(PUBLIC).containsAll(SELF_SERVICE);
    }

    @Test
    void withoutCredentialsOnlyThePublicRoutesAnswer() {
        for (Route route : routes) {
            Response answer = send(route, route.path(poolId), RouteSecurityTest::jsonRequest);
            if (UPLOAD_URL.equals(route.operationId())) {
                // public, authorised by the secret of its own URL, which this request lacks
                assertThat(answer.statusCode()).as(route.toString()).isEqualTo(403);
            } else if (route.isPublic()) {
                assertThat(answer.statusCode()).as(route.toString()).isNotIn(401, 403).isLessThan(500);
            } else {
                assertRefused(route, answer);
            }
        }
    }

    /**
     * Outside the API: the metrics need a metrics key or an admin key (no user data, but request
     * rates, pool ids in nothing, and the service's internals are nobody else's business); the
     * probes and the OpenAPI document are open. Metrics keys themselves: {@link MetricsKeysTest}.
     */
    @Test
    void metricsNeedAKeyProbesAndTheDocumentDoNot() {
        for (String path : List.of("/q/metrics", "/q/metrics/", "/q/metrics/json", "/q//metrics", "/q/./metrics",
                "/q/foo/../metrics", "/q/metrics;x=1", "/q/Metrics", "/q/%6Detrics")) {
            for (Supplier<RequestSpecification> caller : List.<Supplier<RequestSpecification>>of(() -> given(),
                    () -> given().header("Authorization", "Bearer wrong-secret"),
                    () -> given().header("Authorization", "Bearer " + accessToken),
                    () -> given().header("Authorization", "Basic dGVzdDp0ZXN0LWFkbWluLXNlY3JldA=="))) {
                Response answer = caller.get().urlEncodingEnabled(false).get(path);
                assertThat(answer.statusCode()).as(path).isIn(401, 404);
                assertThat(answer.contentType()).as(path).startsWith(PROBLEM);
                assertThat(answer.asString()).as(path).doesNotContain("userpools_").doesNotContain("jvm_");
            }
        }
        admin().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString("userpools_"));
        given().header("Authorization", "Bearer other-admin-secret").get("/q/metrics").then().statusCode(200);
        // refused like the API refuses: problem+json NotAuthorizedException, naming the scheme
        given().get("/q/metrics").then().statusCode(401).header("WWW-Authenticate", "Bearer").contentType(PROBLEM)
                .body("code", equalTo("NotAuthorizedException"));
        given().header("Authorization", "Bearer wrong-secret").get("/q/metrics").then().statusCode(401)
                .contentType(PROBLEM).body("code", equalTo("NotAuthorizedException"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200);
    }

    @Test
    void aWrongOrMalformedAdminKeyIsRefused() {
        for (String header : List.of("Bearer wrong-secret", "Bearer TEST-ADMIN-SECRET",
                "Bearer test-admin-secre", "Basic dGVzdDp0ZXN0LWFkbWluLXNlY3JldA==", "test-admin-secret", "Bearer",
                "Bearer " + "x".repeat(10_000), "Bearer test:test-admin-secret",
                // metrics keys (userpools.metrics.keys) open /q/metrics and no route of the API
                "Bearer test-metrics-secret", "Bearer next-metrics-secret")) {
            for (Route route : routes) {
                if (!route.isPublic()) {
                    assertRefused(route, send(route, route.path(poolId), () -> jsonRequest()
                            .header("Authorization", header)));
                }
            }
        }
    }

    @Test
    void anAccessTokenIsNoAdminKey() {
        for (Route route : routes) {
            if (!route.isPublic() && !route.isSelfService()) {
                assertRefused(route, send(route, route.path(poolId), () -> jsonRequest()
                        .header("Authorization", "Bearer " + accessToken)));
            }
        }
    }

    @Test
    void anAdminKeyIsNoAccessToken() {
        for (Route route : routes) {
            if (route.isSelfService()) {
                assertRefused(route, send(route, route.path(poolId), () -> jsonRequest()
                        .header("Authorization", "Bearer " + Api.ADMIN_SECRET)));
            }
        }
    }

    @Test
    void hostilePathSegmentsNeverOpenAClosedRoute() {
        for (String segment : HOSTILE_SEGMENTS) {
            for (Route route : routes) {
                if (route.isPublic() || !route.template().contains("{")) {
                    continue;
                }
                Response answer = send(route, route.path(segment), () -> jsonRequest().urlEncodingEnabled(false));
                String where = route + " with " + segment;
                if (COLLAPSING.contains(segment)) {
                    // these may resolve to another path: closed or absent there, never served
                    assertThat(answer.statusCode()).as(where).isIn(400, 401, 404, 405);
                } else {
                    assertRefused(route, answer, where);
                }
            }
        }
    }

    @Test
    void aUserNamedWellKnownIsNoPublicRoute() {
        Api.createUser(poolId, ".well-known", Map.of("email", "wk@example.com"));
        given().contentType(ContentType.JSON).body(Map.of("attributes", Map.of("email", "attacker@example.com")))
                .patch("/pools/{p}/users/.well-known/attributes", poolId)
                .then().statusCode(401).contentType(PROBLEM).body("code", equalTo("NotAuthorizedException"));
        given().post("/pools/{p}/users/.well-known/disable", poolId).then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("password", "Attack3r#Pass", "permanent", true))
                .put("/pools/{p}/users/.well-known/password", poolId).then().statusCode(401);
        admin().get("/pools/{p}/users/.well-known", poolId).then().statusCode(200)
                .body("attributes.email", equalTo("wk@example.com")).body("enabled", equalTo(true));
        // and the admin key still works on the same path
        adminJson(Map.of("attributes", Map.of("email", "new@example.com")))
                .patch("/pools/{p}/users/.well-known/attributes", poolId).then().statusCode(200);
    }

    @Test
    void refusalsHappenBeforeTheBodyIsRead() {
        given().contentType(ContentType.JSON).body("{not json")
                .patch("/pools/{p}/users/walker/attributes", poolId)
                .then().statusCode(401).body("code", equalTo("NotAuthorizedException"));
        given().contentType(ContentType.JSON).body("{not json").patch("/me/attributes")
                .then().statusCode(401).body("code", equalTo("NotAuthorizedException"));
    }

    private static RequestSpecification jsonRequest() {
        return given().contentType(ContentType.JSON);
    }

    private static Response send(Route route, String path, Supplier<RequestSpecification> request) {
        RequestSpecification spec = request.get();
        if (!route.method().equals("GET") && !route.method().equals("DELETE")) {
            spec = spec.body("{}");
        }
        return spec.request(route.method(), path);
    }

    private static void assertRefused(Route route, Response answer) {
        assertRefused(route, answer, route.toString());
    }

    private static void assertRefused(Route route, Response answer, String where) {
        assertThat(answer.statusCode()).as(where + ": " + answer.asString()).isEqualTo(401);
        assertThat(answer.contentType()).as(where).startsWith(PROBLEM);
        assertThat(answer.jsonPath().getString("code")).as(where).isEqualTo("NotAuthorizedException");
    }
}
