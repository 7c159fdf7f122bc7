package io.userpools.common;

import static io.restassured.RestAssured.given;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.userpools.support.DatabaseProxyResource;
import io.userpools.support.TcpProxy;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The database goes away and comes back (through a proxy the test cuts): meanwhile every request
 * answers 503 with Retry-After and readiness is down, liveness stays up; afterwards the service
 * answers again within 5 s, and what was stored before is still there.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.ThroughProxy.class)
class DatabaseOutageTest {

    /** Its own profile, so that only this test's application talks to the database through the proxy. */
    public static class ThroughProxy implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DatabaseProxyResource.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.flyway.clean-at-start", "false");
        }
    }

    @DatabaseProxyResource.InjectProxy
    TcpProxy proxy;

    @AfterEach
    void restore() throws Exception {
        proxy.restore();
    }

    @Test
    void anOutageAnswers503WithRetryAfterAndTheServiceRecoversOnItsOwn() throws Exception {
        String poolId = createPool();
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

        proxy.cut();

        adminJson(Map.of("name", "during-outage")).when().post("/pools")
                .then().statusCode(503).contentType(PROBLEM)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("code", equalTo("ServiceUnavailableException"))
                .body("detail", equalTo("The service cannot reach its database; retry shortly."));
        admin().when().get("/pools").then().statusCode(503).contentType(PROBLEM)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("code", equalTo("ServiceUnavailableException"));
        given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));

        proxy.restore();
        long back = System.nanoTime();
        awaitStatus(back, () -> admin().when().get("/pools").statusCode());
        admin().when().get("/pools/{id}", poolId).then().statusCode(200).body("id", equalTo(poolId));
        // a probe may find one connection that broke in the outage before it takes a fresh one
        awaitStatus(back, () -> given().when().get("/q/health/ready").statusCode());
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static void awaitStatus(long since, IntSupplier status) throws InterruptedException {
        int last = 0;
        while (System.nanoTime() - since < 15_000_000_000L) {
            last = status.getAsInt();
            if (last == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("still " + last + " 15 s after the database came back");
    }
}
