package io.userpools.messaging;

import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Api.createUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.userpools.support.Scrape;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A deployment without SMTP and without an SMS gateway: a write that would send a code is refused
 * with the channel's error before anything changes; writes that send nothing still work.
 */
@QuarkusTest
@TestProfile(MissingChannelsTest.NoChannels.class)
class MissingChannelsTest {

    /** No messaging servers: the global test resource is off, so no mailer host and no gateway URL. */
    public static class NoChannels implements QuarkusTestProfile {
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    private static final String PATCH = "/pools/{poolId}/users/{username}/attributes";

    static String pool() {
        return createPool(Map.of("name", "n-" + UUID.randomUUID().toString().substring(0, 8),
                "autoVerifiedAttributes", List.of("email", "phone_number")));
    }

    private static final String EMAIL_FAILED = "userpools_codes_failed_total{medium=\"EMAIL\",reason=\"configuration\"}";
    private static final String SMS_FAILED = "userpools_codes_failed_total{medium=\"SMS\",reason=\"configuration\"}";

    @Test
    void emailCodeWithoutSmtpIsInvalidEmailRoleAccessPolicyAndChangesNothing() {
        String poolId = pool();
        createUser(poolId, "nia", Map.of());
        double failed = Scrape.value(EMAIL_FAILED);
        adminJson(Map.of("attributes", Map.of("email", "nia@example.com", "nickname", "n")))
                .patch(PATCH, poolId, "nia").then()
                .statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidEmailRoleAccessPolicyException"))
                .body("detail", equalTo("User pool does not have email configuration to send messages."));
        admin().get("/pools/{p}/users/{u}", poolId, "nia").then().statusCode(200)
                .body("version", equalTo(1)).body("attributes.nickname", equalTo(null));
        assertThat(Scrape.value(EMAIL_FAILED)).isEqualTo(failed + 1);
    }

    @Test
    void smsCodeWithoutGatewayIsInvalidSmsRoleAccessPolicyAndChangesNothing() {
        String poolId = pool();
        createUser(poolId, "oli", Map.of());
        double failed = Scrape.value(SMS_FAILED);
        adminJson(Map.of("attributes", Map.of("phone_number", "+14325551212")))
                .patch(PATCH, poolId, "oli").then()
                .statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidSmsRoleAccessPolicyException"))
                .body("detail", equalTo("User pool does not have SMS configuration to send messages."));
        admin().get("/pools/{p}/users/{u}", poolId, "oli").then().body("version", equalTo(1));
        assertThat(Scrape.value(SMS_FAILED)).isEqualTo(failed + 1);
    }

    @Test
    void writesThatSendNoCodeStillWork() {
        String poolId = pool();
        createUser(poolId, "pia", Map.of());
        adminJson(Map.of("attributes", Map.of("email", "pia@example.com", "email_verified", "true")))
                .patch(PATCH, poolId, "pia").then().statusCode(200)
                .body("attributes.email_verified", equalTo("true"));
    }

    @Test
    void anInvitationWithoutItsChannelCreatesNoUserButSuppressDoes() {
        String poolId = pool();
        adminJson(Map.of("username", "ray", "attributes", Map.of("email", "ray@example.com"),
                "desiredDeliveryMediums", List.of("EMAIL"))).post("/pools/{p}/users", poolId).then()
                .statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidEmailRoleAccessPolicyException"));
        adminJson(Map.of("username", "ray", "attributes", Map.of("phone_number", "+14325551213")))
                .post("/pools/{p}/users", poolId).then()
                .statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidSmsRoleAccessPolicyException"));
        admin().get("/pools/{p}/users/{u}", poolId, "ray").then().statusCode(404);
        adminJson(Map.of("username", "ray", "attributes", Map.of("email", "ray@example.com"),
                "messageAction", "SUPPRESS")).post("/pools/{p}/users", poolId).then().statusCode(201);
    }
}
