package io.userpools.password;

import static io.userpools.password.Resets.FORGOT;
import static io.userpools.password.Resets.email;
import static io.userpools.password.Resets.forgot;
import static io.userpools.password.Resets.pool;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.createUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.userpools.auth.SecretHash;
import io.userpools.support.Auth;
import io.userpools.support.Db;
import io.userpools.support.Mailbox;
import io.userpools.support.Outbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ForgotPassword on REST (lifecycle spec 4.1): the code mailed to the verified email with the
 * built-in reset text and stored as an HMAC only, the status left alone, and each refusal: client,
 * secret hash, unknown and disabled users, FORCE_CHANGE_PASSWORD, no verified channel, the hourly
 * limit, and the simulated answers of a client that hides user existence.
 */
@QuarkusTest
class ForgotPasswordTest {

    @Test
    void mailsAResetCodeWithTheBuiltInTextAndStoresOnlyItsHmac() throws SQLException {
        String poolId = pool();
        String clientId = Auth.createPasswordClient(poolId);
        String address = email("ann");
        Resets.confirmedWithEmail(poolId, "ann", address);
        forgot(clientId, "ann").then().statusCode(200)
                .body("codeDeliveryDetails.destination", equalTo("a***@e***"))
                .body("codeDeliveryDetails.deliveryMedium", equalTo("EMAIL"))
                .body("codeDeliveryDetails.attributeName", equalTo("email"));
        Mailbox.Mail mail = Mailbox.await(address, 1);
        assertThat(mail.subject()).isEqualTo("Your verification code");
        assertThat(mail.body()).matches("Your password reset code is [0-9]{6}");
        try (Connection c = Db.connect(); PreparedStatement s = c.prepareStatement("SELECT code_hmac, target_value, "
                + "expires_at - created_at AS validity FROM verification_codes WHERE pool_id = ? "
                + "AND attribute_name = 'password_reset'")) {
            s.setString(1, poolId);
            try (ResultSet rows = s.executeQuery()) {
                assertThat(rows.next()).isTrue();
                byte[] hmac = rows.getBytes(1);
                assertThat(new String(hmac, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(mail.code());
                assertThat(rows.getString(2)).isEqualTo("email:" + address);
                assertThat(rows.getString(3)).isEqualTo("01:00:00");
            }
        }
        assertThat(Resets.status(poolId, "ann")).isEqualTo("CONFIRMED");
        Auth.signIn(clientId, "ann", Auth.PASSWORD); // the old password keeps working until the reset
    }

    @Test
    void aCustomisedPoolTemplateIsUsedAndTheVerifiedPhoneWouldComeFirst() {
        String poolId = io.userpools.support.Api.createPool(Map.of("name", "pw-tpl",
                "messaging", Map.of("email", Map.of("subject", "Reset", "message", "Reset with {####} now"))));
        String clientId = Auth.createPasswordClient(poolId);
        String address = email("tom");
        Resets.confirmedWithEmail(poolId, "tom", address);
        forgot(clientId, "tom").then().statusCode(200);
        Mailbox.Mail mail = Mailbox.await(address, 1);
        assertThat(mail.subject()).isEqualTo("Reset");
        assertThat(mail.body()).matches("Reset with [0-9]{6} now");
    }

    @Test
    void theVerifiedPhoneNumberComesBeforeTheEmail() {
        String poolId = pool();
        String clientId = Auth.createPasswordClient(poolId);
        Auth.confirmedUser(poolId, "pat", Map.of("email", email("pat"), "email_verified", "true",
                "phone_number", "+14325551212", "phone_number_verified", "true"));
        forgot(clientId, "pat").then().statusCode(200)
                .body("codeDeliveryDetails.destination", equalTo("+*******1212"))
                .body("codeDeliveryDetails.deliveryMedium", equalTo("SMS"))
                .body("codeDeliveryDetails.attributeName", equalTo("phone_number"));
    }

    @Test
    void anUnverifiedPhoneNumberDoesNotQualifyTheEmailDoes() {
        String poolId = pool();
        String clientId = Auth.createPasswordClient(poolId);
        Auth.confirmedUser(poolId, "quinn", Map.of("email", email("quinn"), "email_verified", "true",
                "phone_number", "+14325551212"));
        forgot(clientId, "quinn").then().statusCode(200).body("codeDeliveryDetails.attributeName", equalTo("email"));
    }

    @Test
    void unknownClientIsNotFound() {
        forgot("nosuchclient1234567890", "ann").then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("ResourceNotFoundException"))
                .body("detail", equalTo("User pool client nosuchclient1234567890 does not exist."));
    }

    @Test
    void aClientWithASecretNeedsTheSecretHash() {
        String poolId = pool();
        JsonPath client = Auth.createClient(poolId, Map.of("name", "server", "generateSecret", true));
        String clientId = client.getString("clientId");
        String address = email("sam");
        Resets.confirmedWithEmail(poolId, "sam", address);
        forgot(clientId, "sam").then().statusCode(401).contentType(PROBLEM)
                .body("code", equalTo("NotAuthorizedException"))
                .body("detail", equalTo("Client " + clientId + " is configured for secret but secret was not received"));
        forgot(Map.of("clientId", clientId, "username", "sam", "secretHash", "d3Jvbmc=")).then().statusCode(401)
                .body("detail", equalTo("Unable to verify secret hash for client " + clientId));
        String hash = SecretHash.of(client.getString("clientSecret"), "sam", clientId);
        forgot(Map.of("clientId", clientId, "username", "sam", "secretHash", hash)).then().statusCode(200);
        Mailbox.await(address, 1);
    }

    @Test
    void unknownUserIsNotFoundWithCognitosText() {
        String poolId = pool();
        String clientId = Auth.createPasswordClient(poolId);
        forgot(clientId, "nobody").then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("UserNotFoundException"))
                .body("detail", equalTo("Username/client id combination not found."));
    }

    @Test
    void disabledUserIsRefused() {
        String poolId = pool();
        String clientId = Auth.createPasswordClient(poolId);
        String address = email("dan");
        Resets.confirmedWithEmail(poolId, "dan", address);
        admin().post("/pools/{p}/users/{u}/disable", poolId, "dan").then().statusCode(204);
        forgot(clientId, "dan").then().statusCode(401).contentType(PROBLEM)
                .body("code", equalTo("NotAuthorizedException")).body("detail", equalTo("User is disabled."));
        Outbox.assertNothingSent(poolId, address);
    }

    @Test
    void aUserWhoMustChangeTheTemporaryPasswordCannotReset() {
        String poolId = pool();
        String clientId = Auth.createPasswordClient(poolId);
        String address = email("fay");
        createUser(poolId, "fay", Map.of("email", address, "email_verified", "true"));
        forgot(clientId, "fay").then().statusCode(401).contentType(PROBLEM)
                .body("code", equalTo("NotAuthorizedException"))
                .body("detail", equalTo("User password cannot be reset in the current state."));
        Outbox.assertNothingSent(poolId, address);
    }

    @Test
    void aUserWithoutAVerifiedChannelCannotReset() {
        String poolId = pool();
        String clientId = Auth.createPasswordClient(poolId);
        String address = email("gus");
        Auth.confirmedUser(poolId, "gus", Map.of("email", address));
        forgot(clientId, "gus").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"))
                .body("detail", equalTo("Cannot reset password for the user as there is no registered/verified "
                        + "email or phone_number"));
        Auth.confirmedUser(poolId, "hal", Map.of());
        forgot(clientId, "hal").then().statusCode(400).body("code", equalTo("InvalidParameterException"));
        Outbox.assertNothingSent(poolId, address);
    }

    @Test
    void tenResetsAndConfirmationsPerHourThenLimitExceeded() {
        String poolId = pool();
        String clientId = Auth.createPasswordClient(poolId);
        String address = email("ivy");
        Resets.confirmedWithEmail(poolId, "ivy", address);
        for (int i = 0; i < 5; i++) {
            forgot(clientId, "ivy").then().statusCode(200);
            Resets.confirm(clientId, "ivy", "000000", Resets.NEW_PASSWORD).then().statusCode(400);
        }
        forgot(clientId, "ivy").then().statusCode(429).contentType(PROBLEM)
                .header("Retry-After", notNullValue())
                .body("code", equalTo("LimitExceededException"))
                .body("detail", equalTo("Attempt limit exceeded, please try after some time."));
        Resets.confirm(clientId, "ivy", "000000", Resets.NEW_PASSWORD).then().statusCode(429)
                .body("code", equalTo("LimitExceededException"));
    }

    @Test
    void aClientThatHidesUsersAnswersLikeASuccessAndSendsNothing() {
        String poolId = pool();
        String clientId = Auth.createClient(poolId, Map.of("name", "hide", "explicitAuthFlows",
                List.of("ALLOW_USER_PASSWORD_AUTH"), "preventUserExistenceErrors", "ENABLED")).getString("clientId");
        String first = forgot(clientId, "nobody").then().statusCode(200)
                .body("codeDeliveryDetails.deliveryMedium", equalTo("EMAIL"))
                .body("codeDeliveryDetails.destination", org.hamcrest.Matchers.matchesPattern("[a-z]\\*\\*\\*@[a-z]\\*\\*\\*"))
                .extract().path("codeDeliveryDetails.destination");
        forgot(clientId, "nobody").then().statusCode(200).body("codeDeliveryDetails.destination", equalTo(first));
        forgot(clientId, "who@example.org").then().statusCode(200)
                .body("codeDeliveryDetails.destination", equalTo("w***@e***"));
        String address = email("jay");
        Auth.confirmedUser(poolId, "jay", Map.of("email", address));
        forgot(clientId, "jay").then().statusCode(200).body("codeDeliveryDetails.attributeName", equalTo("email"));
        Resets.confirmedWithEmail(poolId, "kim", email("kim"));
        admin().post("/pools/{p}/users/{u}/disable", poolId, "kim").then().statusCode(204);
        forgot(clientId, "kim").then().statusCode(200);
        Outbox.assertNothingSent(poolId, address);
    }

    @Test
    void shapeErrorsAreInvalidParameter() {
        Map<String, Object> body = new HashMap<>();
        body.put("username", "x");
        io.userpools.support.Auth.json(body).post(FORGOT).then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"));
    }
}
