package io.userpools.pool;

import static io.userpools.support.Api.adminJson;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pool ids take their prefix from {@code userpools.region} (USERPOOLS_REGION). */
@QuarkusTest
@TestProfile(PoolRegionTest.Frankfurt.class)
class PoolRegionTest {

    public static class Frankfurt implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("userpools.region", "eu-central-1");
        }
    }

    @Test
    void poolIdsCarryTheConfiguredRegion() {
        adminJson(Map.of("name", "regional")).when().post("/pools")
                .then().statusCode(201)
                .body("id", matchesPattern("eu-central-1_[0-9A-Za-z]{9}"))
                .header("Location", matchesPattern(".*/pools/eu-central-1_[0-9A-Za-z]{9}"));
    }
}
