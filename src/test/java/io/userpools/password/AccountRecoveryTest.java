package io.userpools.password;

import static io.userpools.password.Resets.adminReset;
import static io.userpools.password.Resets.email;
import static io.userpools.password.Resets.forgot;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.userpools.support.Auth;
import io.userpools.support.Outbox;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The pool's AccountRecoverySetting on REST (lifecycle spec 2.3, 4.1, 4.4, 7.1): its rules, the
 * order of the reset channels it gives, and {@code admin_only}, which refuses ForgotPassword and
 * AdminResetUserPassword.
 */
@QuarkusTest
class AccountRecoveryTest {

    static final Map<String, Object> EMAIL_FIRST = Map.of("recoveryMechanisms", List.of(
            Map.of("name", "verified_phone_number", "priority", 2), Map.of("name", "verified_email", "priority", 1)));

    static String poolWith(Object setting) {
        return createPool(Map.of("name", "rec-" + UUID.randomUUID().toString().substring(0, 8),
                "accountRecoverySetting", setting));
    }

    static Map<String, Object> only(String name) {
        return Map.of("recoveryMechanisms", List.of(Map.of("name", name, "priority", 1)));
    }

    static Map<String, String> emailAndPhone(String who) {
        return Map.of("email", email(who), "email_verified", "true", "phone_number", "+14325551212",
                "phone_number_verified", "true");
    }

    @Test
    void theSettingIsShownInPriorityOrderAndAnUpdateWithoutItReturnsToTheLegacyOrder() {
        String poolId = poolWith(EMAIL_FIRST);
        admin().get("/pools/{p}", poolId).then().statusCode(200)
                .body("accountRecoverySetting.recoveryMechanisms.name",
                        equalTo(List.of("verified_email", "verified_phone_number")))
                .body("accountRecoverySetting.recoveryMechanisms.priority", equalTo(List.of(1, 2)));
        adminJson(Map.of()).put("/pools/{p}", poolId).then().statusCode(200);
        admin().get("/pools/{p}", poolId).then().body("accountRecoverySetting", nullValue());
        adminJson(Map.of("accountRecoverySetting", only("admin_only"))).put("/pools/{p}", poolId).then()
                .statusCode(200).body("accountRecoverySetting.recoveryMechanisms[0].name", equalTo("admin_only"));
    }

    @Test
    void invalidSettingsAreRefused() {
        List<Object> invalid = List.of(
                Map.of("recoveryMechanisms", List.of()),
                Map.of("recoveryMechanisms", List.of(Map.of("name", "admin_only", "priority", 1),
                        Map.of("name", "verified_email", "priority", 2))),
                Map.of("recoveryMechanisms", List.of(Map.of("name", "verified_email", "priority", 1),
                        Map.of("name", "verified_phone_number", "priority", 1))),
                Map.of("recoveryMechanisms", List.of(Map.of("name", "verified_email", "priority", 1),
                        Map.of("name", "verified_email", "priority", 2))),
                Map.of("recoveryMechanisms", List.of(Map.of("name", "admin_only", "priority", 2))),
                Map.of("recoveryMechanisms", List.of(Map.of("name", "sms", "priority", 1))),
                Map.of("recoveryMechanisms", List.of(Map.of("name", "verified_email", "priority", 3))),
                Map.of("recoveryMechanisms", List.of(Map.of("name", "verified_email"))));
        for (Object setting : invalid) {
            adminJson(Map.of("name", "bad-recovery", "accountRecoverySetting", setting)).post("/pools").then()
                    .statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
        }
    }

    @Test
    void theCodeGoesToTheFirstMechanismTheUserQualifiesFor() {
        String poolId = poolWith(EMAIL_FIRST);
        String clientId = Auth.createPasswordClient(poolId);
        Auth.confirmedUser(poolId, "ann", emailAndPhone("ann"));
        forgot(clientId, "ann").then().statusCode(200)
                .body("codeDeliveryDetails.deliveryMedium", equalTo("EMAIL"))
                .body("codeDeliveryDetails.attributeName", equalTo("email"));
        Auth.confirmedUser(poolId, "bob", Map.of("email", email("bob"), "phone_number", "+14325551213",
                "phone_number_verified", "true"));
        forgot(clientId, "bob").then().statusCode(200)
                .body("codeDeliveryDetails.deliveryMedium", equalTo("SMS"))
                .body("codeDeliveryDetails.attributeName", equalTo("phone_number"));
    }

    @Test
    void aMechanismLeftOutIsNeverUsed() {
        String poolId = poolWith(only("verified_phone_number"));
        String clientId = Auth.createPasswordClient(poolId);
        String address = email("cat");
        Auth.confirmedUser(poolId, "cat", Map.of("email", address, "email_verified", "true"));
        forgot(clientId, "cat").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"))
                .body("detail", equalTo(ResetChannel.NO_CHANNEL));
        adminReset(poolId, "cat").then().statusCode(400).body("detail", equalTo(ResetChannel.NO_CHANNEL));
        assertThat(Resets.status(poolId, "cat")).isEqualTo("CONFIRMED");
        Outbox.assertNothingSent(poolId, address);
    }

    @Test
    void adminOnlyRefusesSelfServiceAndAdminResets() {
        String poolId = poolWith(only("admin_only"));
        String clientId = Auth.createPasswordClient(poolId);
        String address = email("dan");
        Auth.confirmedUser(poolId, "dan", Map.of("email", address, "email_verified", "true"));
        forgot(clientId, "dan").then().statusCode(401).contentType(PROBLEM)
                .body("code", equalTo("NotAuthorizedException"))
                .body("detail", equalTo("Contact administrator to reset password."));
        forgot(clientId, "nobody").then().statusCode(401) // before the user: tells nothing about names
                .body("detail", equalTo("Contact administrator to reset password."));
        adminReset(poolId, "dan").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"))
                .body("detail", equalTo("Self-service account recovery is not configured for this user pool."));
        adminReset(poolId, "nobody").then().statusCode(404).body("code", equalTo("UserNotFoundException"));
        assertThat(Resets.status(poolId, "dan")).isEqualTo("CONFIRMED");
        Outbox.assertNothingSent(poolId, address);
    }
}
