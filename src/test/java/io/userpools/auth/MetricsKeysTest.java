package io.userpools.auth;

import static io.restassured.RestAssured.given;
import static io.userpools.support.Api.PROBLEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.userpools.support.Api;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Scrape-only keys ({@code userpools.metrics.keys}; the test profile sets two, as while one is
 * rotated): they read {@code /q/metrics} and nothing else. Every admin route answers a metrics key
 * exactly as an unknown key (the AWS endpoint: {@code AwsProtocolTest}; every route of the API:
 * {@link RouteSecurityTest}). An admin key still scrapes, and a refused scrape is problem+json.
 */
@QuarkusTest
class MetricsKeysTest {

    static final String METRICS_SECRET = Api.METRICS_SECRET;
    static final String NEXT_METRICS_SECRET = "next-metrics-secret";

    private static RequestSpecification bearer(String secret) {
        return given().header("Authorization", "Bearer " + secret);
    }

    /** What Prometheus asks for when it wants the classic text format. */
    static final String PROMETHEUS_TEXT = "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    @Test
    void aMetricsKeyScrapes() {
        for (String secret : List.of(METRICS_SECRET, NEXT_METRICS_SECRET)) {
            bearer(secret).accept(PROMETHEUS_TEXT).get("/q/metrics").then().statusCode(200)
                    .contentType(startsWith("text/plain"))
                    .body(containsString("# TYPE "), containsString("userpools_"));
        }
    }

    @Test
    void anAdminKeyStillScrapes() {
        Api.admin().accept(PROMETHEUS_TEXT).get("/q/metrics").then().statusCode(200)
                .contentType(startsWith("text/plain")).body(containsString("userpools_"));
    }

    @Test
    void noKeyOrAWrongKeyIsRefusedAsProblemJson() {
        given().get("/q/metrics").then().statusCode(401)
                .contentType(PROBLEM).header("WWW-Authenticate", "Bearer")
                .header("X-Request-Id", not(equalTo(null)))
                .body("code", equalTo("NotAuthorizedException"), "status", equalTo(401),
                        "detail", equalTo(MetricsKeyMechanism.MISSING), "requestId", not(equalTo(null)))
                .body(not(containsString("userpools_")));
        for (String secret : List.of("wrong-secret", METRICS_SECRET + "x", METRICS_SECRET.toUpperCase(),
                "scraper:" + METRICS_SECRET)) {
            bearer(secret).get("/q/metrics").then().statusCode(401)
                    .contentType(PROBLEM).header("WWW-Authenticate", "Bearer")
                    .body("code", equalTo("NotAuthorizedException"), "detail", equalTo(MetricsKeyMechanism.INVALID))
                    .body(not(containsString("userpools_")));
        }
    }

    @Test
    void everyAdminRouteRefusesAMetricsKeyAsAnUnknownKey() {
        String poolId = Api.createPool();
        List<Function<RequestSpecification, Response>> calls = List.of(
                r -> r.get("/pools"),
                r -> r.get("/pools/{p}", poolId),
                r -> r.contentType(ContentType.JSON).body(Map.of("name", "never")).post("/pools"),
                r -> r.get("/pools/{p}/users", poolId),
                r -> r.contentType(ContentType.JSON).body(Map.of("username", "never", "messageAction", "SUPPRESS"))
                        .post("/pools/{p}/users", poolId));
        for (Function<RequestSpecification, Response> call : calls) {
            Response unknown = call.apply(bearer("unknown-secret"));
            for (String secret : List.of(METRICS_SECRET, NEXT_METRICS_SECRET)) {
                Response scraper = call.apply(bearer(secret));
                assertThat(scraper.statusCode()).as(scraper.asString()).isEqualTo(401).isEqualTo(unknown.statusCode());
                assertThat(scraper.contentType()).startsWith(PROBLEM).isEqualTo(unknown.contentType());
                assertThat(scraper.header("WWW-Authenticate")).isEqualTo(unknown.header("WWW-Authenticate"));
                Map<String, Object> body = scraper.jsonPath().getMap("");
                Map<String, Object> expected = unknown.jsonPath().getMap("");
                body.remove("requestId");
                expected.remove("requestId");
                assertThat(body).isEqualTo(expected);
                assertThat(body.get("code")).isEqualTo("NotAuthorizedException");
            }
        }
        // nothing was created by the refused calls
        Api.admin().get("/pools/{p}/users/never", poolId).then().statusCode(404);
    }
}
