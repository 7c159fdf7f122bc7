package io.userpools.password;

import static io.userpools.password.Resets.NEW_PASSWORD;
import static io.userpools.password.Resets.adminReset;
import static io.userpools.password.Resets.confirm;
import static io.userpools.password.Resets.email;
import static io.userpools.password.Resets.forgot;
import static io.userpools.password.Resets.pool;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Auth.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.userpools.support.Auth;
import io.userpools.support.Mailbox;
import io.userpools.support.Outbox;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ForgotPassword and AdminResetUserPassword for a user who signed up and is still UNCONFIRMED
 * (lifecycle spec 4.1 steps 5-6, 4.2 step 6, 4.4 step 4).
 */
@QuarkusTest
class UnconfirmedResetTest {

    /** A pool and password client with a user who signed up with this email, UNCONFIRMED. */
    static String signedUp(String poolId, String username, String address) {
        String clientId = Auth.createPasswordClient(poolId);
        json(Map.of("clientId", clientId, "username", username, "password", Auth.PASSWORD,
                "attributes", Map.of("email", address))).post("/auth/sign-up").then().statusCode(200);
        assertThat(Resets.status(poolId, username)).isEqualTo("UNCONFIRMED");
        return clientId;
    }

    @Test
    void forgotPasswordWithoutAVerifiedChannelIsRefused() {
        String poolId = pool();
        String address = email("ann");
        String clientId = signedUp(poolId, "ann", address);
        forgot(clientId, "ann").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException")).body("detail", equalTo(ResetChannel.NO_CHANNEL));
        assertThat(Resets.status(poolId, "ann")).isEqualTo("UNCONFIRMED");
        Outbox.assertNothingSent(poolId, address);
    }

    @Test
    void withAVerifiedEmailTheResetCodeAlsoConfirmsTheAccount() {
        String poolId = pool();
        String address = email("bob");
        String clientId = signedUp(poolId, "bob", address);
        Resets.setAttributes(poolId, "bob", Map.of("email", address, "email_verified", "true"));
        forgot(clientId, "bob").then().statusCode(200).body("codeDeliveryDetails.attributeName", equalTo("email"));
        String code = Mailbox.await(address, 1).code();
        confirm(clientId, "bob", code, NEW_PASSWORD).then().statusCode(204);
        assertThat(Resets.status(poolId, "bob")).isEqualTo("CONFIRMED");
        Auth.signIn(clientId, "bob", NEW_PASSWORD);
    }

    @Test
    void adminResetUserPasswordRefusesAnUnconfirmedUserEvenWithAVerifiedEmail() {
        String poolId = pool();
        String address = email("cat");
        signedUp(poolId, "cat", address);
        Resets.setAttributes(poolId, "cat", Map.of("email", address, "email_verified", "true"));
        adminReset(poolId, "cat").then().statusCode(401).contentType(PROBLEM)
                .body("code", equalTo("NotAuthorizedException"))
                .body("detail", equalTo("User password cannot be reset in the current state."));
        assertThat(Resets.status(poolId, "cat")).isEqualTo("UNCONFIRMED");
        Outbox.assertNothingSent(poolId, address);
    }
}
