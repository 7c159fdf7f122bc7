package io.userpools.signup;

import static io.userpools.support.Auth.bearer;
import static io.userpools.support.Auth.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.userpools.support.Auth;
import io.userpools.support.Mailbox;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's end-to-end proof on REST, as an app lives it: a user signs up, confirms with the
 * mailed code, signs in, changes their email and verifies it, forgets the password, resets it with
 * the code mailed to the new address and signs in with the new password. The refresh token from
 * before the reset still refreshes (lifecycle spec 4.5: Cognito revokes nothing on a reset).
 */
@QuarkusTest
class AccountLifecycleEndToEndTest {

    private static final String NEW_PASSWORD = "N3w#Passw0rd!";

    @Test
    void signUpConfirmSignInChangeEmailVerifyForgetAndResetThePassword() {
        String poolId = SignUpTest.emailPool();
        String clientId = SignUpTest.client(poolId, Map.of());
        String first = SignUpTest.email("lena");

        SignUpTest.signUp(clientId, "lena", Map.of("email", first)).statusCode(200)
                .body("userConfirmed", equalTo(false))
                .body("codeDeliveryDetails.destination", equalTo("l***@e***"));
        json(Map.of("clientId", clientId, "username", "lena", "password", Auth.PASSWORD)).post("/auth/sign-in")
                .then().statusCode(400).body("code", equalTo("UserNotConfirmedException"));
        SignUpTest.confirm(clientId, "lena", Mailbox.await(first, 1).code()).statusCode(204);

        JsonPath tokens = Auth.signIn(clientId, "lena", Auth.PASSWORD);
        String access = tokens.getString("accessToken");
        bearer(access).get("/me").then().statusCode(200).body("attributes.email", equalTo(first))
                .body("attributes.email_verified", equalTo("true"));

        String second = SignUpTest.email("lena");
        bearer(access).contentType(ContentType.JSON).body(Map.of("attributes", Map.of("email", second)))
                .patch("/me/attributes").then().statusCode(200)
                .body("codeDeliveryDetails[0].attributeName", equalTo("email"));
        bearer(access).contentType(ContentType.JSON).body(Map.of("code", Mailbox.await(second, 1).code()))
                .post("/me/attributes/{name}/verify", "email").then().statusCode(200);
        bearer(access).get("/me").then().statusCode(200).body("attributes.email", equalTo(second))
                .body("attributes.email_verified", equalTo("true"));

        json(Map.of("clientId", clientId, "username", "lena")).post("/auth/forgot-password").then().statusCode(200)
                .body("codeDeliveryDetails.attributeName", equalTo("email"))
                .body("codeDeliveryDetails.destination", equalTo("l***@e***"));
        Mailbox.Mail reset = Mailbox.await(second, 2);
        assertThat(Mailbox.to(first)).as("the reset code goes to the verified address of now").hasSize(1);
        json(Map.of("clientId", clientId, "username", "lena", "code", reset.code(), "password", NEW_PASSWORD))
                .post("/auth/confirm-forgot-password").then().statusCode(204);

        json(Map.of("clientId", clientId, "username", "lena", "password", Auth.PASSWORD)).post("/auth/sign-in")
                .then().statusCode(401).body("detail", equalTo("Incorrect username or password."));
        Auth.signIn(clientId, "lena", NEW_PASSWORD);
        json(Map.of("clientId", clientId, "refreshToken", tokens.getString("refreshToken"))).post("/auth/refresh")
                .then().statusCode(200);
    }
}
