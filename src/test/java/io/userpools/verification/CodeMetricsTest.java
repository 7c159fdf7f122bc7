package io.userpools.verification;

import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Api.createUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.userpools.support.Mailbox;
import io.userpools.support.Outbox;
import io.userpools.support.Scrape;
import io.userpools.support.SmsGateway;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The code metrics that README lists, read from /q/metrics before and after: a code sent by mail
 * or SMS counts in userpools_codes_sent_total once it reached the server, and one that the custom
 * message trigger stopped counts in userpools_codes_failed_total with reason "trigger".
 */
@QuarkusTest
class CodeMetricsTest {

    private static final String PATCH = "/pools/{poolId}/users/{username}/attributes";

    private static String sent(String medium) {
        return "userpools_codes_sent_total{medium=\"" + medium + "\"}";
    }

    private static String pool(Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "m-" + UUID.randomUUID().toString().substring(0, 8),
                "autoVerifiedAttributes", List.of("email", "phone_number")));
        body.putAll(extra);
        return createPool(body);
    }

    @Test
    void aCodeDeliveredByMailOrSmsCountsAsSent() {
        String poolId = pool(Map.of());
        createUser(poolId, "sam", Map.of());
        String email = "sam-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String phone = "+1666" + (1_000_000 + (int) (Math.random() * 8_999_999));
        double emailBefore = Scrape.value(sent("EMAIL"));
        double smsBefore = Scrape.value(sent("SMS"));

        adminJson(Map.of("attributes", Map.of("email", email, "phone_number", phone))).patch(PATCH, poolId, "sam")
                .then().statusCode(200);
        Mailbox.await(email, 1);
        SmsGateway.await(phone, 1);
        long deadline = System.currentTimeMillis() + 15_000;
        while (Outbox.waiting(poolId) > 0 && System.currentTimeMillis() < deadline) {
            Mailbox.sleep(50);
        }
        assertThat(Outbox.waiting(poolId)).isZero();
        assertThat(Scrape.value(sent("EMAIL"))).isEqualTo(emailBefore + 1);
        assertThat(Scrape.value(sent("SMS"))).isEqualTo(smsBefore + 1);
    }

    @Test
    void aCodeThatTheTriggerStopsCountsAsFailed() {
        String poolId = pool(Map.of("triggers", Map.of("customMessage",
                Map.of("url", "http://127.0.0.1:9/hook", "secret", "unreachable-hook-secret"))));
        createUser(poolId, "tia", Map.of());
        String failed = "userpools_codes_failed_total{medium=\"EMAIL\",reason=\"trigger\"}";
        double before = Scrape.value(failed);
        adminJson(Map.of("attributes", Map.of("email", "tia@example.com"))).patch(PATCH, poolId, "tia")
                .then().statusCode(502);
        assertThat(Scrape.value(failed)).isEqualTo(before + 1);
    }
}
