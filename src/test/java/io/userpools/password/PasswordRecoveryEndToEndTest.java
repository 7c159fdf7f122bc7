package io.userpools.password;

import static io.userpools.support.Api.adminJson;
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
 * End to end on REST, as an app would do it: an admin creates a user with a permanent password and
 * a verified email; the user signs in, forgets the password, gets the code by mail, sets a new
 * password, signs in with it and changes it again. The refresh tokens from before keep working
 * (lifecycle spec 4.5: Cognito revokes nothing on a password change); an admin reset then stops
 * them until the user resets.
 */
@QuarkusTest
class PasswordRecoveryEndToEndTest {

    @Test
    void forgotPasswordByMailThenSignInWithTheNewPassword() {
        String poolId = Resets.pool();
        String clientId = Auth.createPasswordClient(poolId);
        String address = Resets.email("zoe");
        adminJson(Map.of("username", "zoe", "attributes", Map.of("email", address, "email_verified", "true"),
                "temporaryPassword", "Temp#Passw0rd", "messageAction", "SUPPRESS"))
                .post("/pools/{poolId}/users", poolId).then().statusCode(201);
        Auth.setPassword(poolId, "zoe", Auth.PASSWORD, true);
        JsonPath before = Auth.signIn(clientId, "zoe", Auth.PASSWORD);

        int mails = Mailbox.to(address).size();
        json(Map.of("clientId", clientId, "username", "zoe")).post(Resets.FORGOT).then().statusCode(200)
                .body("codeDeliveryDetails.destination", equalTo("z***@e***"));
        Mailbox.Mail mail = Mailbox.await(address, mails + 1);
        assertThat(mail.body()).matches("Your password reset code is [0-9]{6}");
        Resets.confirm(clientId, "zoe", mail.code(), Resets.NEW_PASSWORD).then().statusCode(204);

        json(Map.of("clientId", clientId, "username", "zoe", "password", Auth.PASSWORD)).post("/auth/sign-in")
                .then().statusCode(401).body("detail", equalTo("Incorrect username or password."));
        JsonPath after = Auth.signIn(clientId, "zoe", Resets.NEW_PASSWORD);
        bearer(after.getString("accessToken")).get("/me").then().statusCode(200)
                .body("attributes.email_verified", equalTo("true"));

        // Cognito revokes nothing on a password change: the session from before still refreshes
        json(Map.of("clientId", clientId, "refreshToken", before.getString("refreshToken"))).post("/auth/refresh")
                .then().statusCode(200);
        bearer(before.getString("accessToken")).get("/me").then().statusCode(200);

        bearer(after.getString("accessToken")).contentType(ContentType.JSON)
                .body(Map.of("previousPassword", Resets.NEW_PASSWORD, "proposedPassword", "Th1rd#Passw0rd"))
                .put("/me/password").then().statusCode(204);
        Auth.signIn(clientId, "zoe", "Th1rd#Passw0rd");
        json(Map.of("clientId", clientId, "refreshToken", before.getString("refreshToken"))).post("/auth/refresh")
                .then().statusCode(200);

        // an admin reset stops every refresh token until the user resets
        Resets.adminReset(poolId, "zoe").then().statusCode(204);
        json(Map.of("clientId", clientId, "refreshToken", after.getString("refreshToken"))).post("/auth/refresh")
                .then().statusCode(400).body("code", equalTo("PasswordResetRequiredException"));
        String code = Mailbox.await(address, mails + 2).code();
        Resets.confirm(clientId, "zoe", code, "F0urth#Passw0rd").then().statusCode(204);
        Auth.signIn(clientId, "zoe", "F0urth#Passw0rd");
    }
}
