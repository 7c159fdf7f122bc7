package io.userpools.invitation;

import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Auth.createPasswordClient;
import static io.userpools.support.Auth.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.userpools.support.Auth;
import io.userpools.support.Mailbox;
import io.userpools.support.Outbox;
import io.userpools.support.SmsGateway;
import io.userpools.user.PasswordPolicyCheck;
import io.userpools.pool.PoolSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * AdminCreateUser invitations (lifecycle spec 5) against PostgreSQL, the test SMTP server and SMS
 * gateway: the invitation on each medium, its temporary password leading to the
 * NEW_PASSWORD_REQUIRED challenge, SUPPRESS, the choice of media and its errors, the pool's
 * template, RESEND and its errors, and generated passwords under several policies.
 */
@QuarkusTest
class InvitationTest {

    static final Pattern DEFAULT_TEXT = Pattern.compile("Your username is (\\S+) and temporary password is (.+)\\.");

    static String email(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    static String phone() {
        return "+1555" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    }

    static String pool(Map<String, Object> settings) {
        Map<String, Object> body = new HashMap<>(settings);
        body.put("name", "inv-" + UUID.randomUUID().toString().substring(0, 8));
        return createPool(body);
    }

    static Map<String, Object> user(String username, Map<String, String> attributes) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("attributes", attributes);
        return body;
    }

    static ValidatableResponse create(String poolId, Map<String, Object> body) {
        return adminJson(body).post("/pools/{p}/users", poolId).then();
    }

    /** The temporary password of a mail or SMS in Cognito's default text, after checking the username in it. */
    static String passwordIn(String text, String username) {
        Matcher m = DEFAULT_TEXT.matcher(text);
        assertThat(m.matches()).as("default invitation text: %s", text).isTrue();
        assertThat(m.group(1)).isEqualTo(username);
        return m.group(2);
    }

    static ValidatableResponse signIn(String clientId, String username, String password) {
        return json(Map.of("clientId", clientId, "username", username, "password", password))
                .post("/auth/sign-in").then();
    }

    @Test
    void theMailedTemporaryPasswordLeadsToTheChallengeAndANewPassword() {
        String poolId = pool(Map.of());
        String clientId = createPasswordClient(poolId);
        String address = email("ann");
        Map<String, Object> body = user("ann", Map.of("email", address));
        body.put("desiredDeliveryMediums", List.of("EMAIL"));
        create(poolId, body).statusCode(201).body("status", equalTo("FORCE_CHANGE_PASSWORD"))
                .body("attributes.email_verified", org.hamcrest.Matchers.nullValue());

        Mailbox.Mail mail = Mailbox.await(address, 1);
        assertThat(mail.subject()).isEqualTo("Your temporary password");
        assertThat(mail.from()).isEqualTo("noreply@userpools.test");
        String password = passwordIn(mail.body(), "ann");
        assertThat(password).hasSize(8);
        PasswordPolicyCheck.check(PoolSettings.PasswordPolicy.DEFAULT, password);

        String session = signIn(clientId, "ann", password).statusCode(200)
                .body("challengeName", equalTo("NEW_PASSWORD_REQUIRED")).extract().path("session");
        json(Map.of("clientId", clientId, "challengeName", "NEW_PASSWORD_REQUIRED", "session", session,
                "username", "ann", "newPassword", "N3w#Passw0rd"))
                .post("/auth/respond-to-challenge").then().statusCode(200).body("tokenType", equalTo("Bearer"));
        Auth.signIn(clientId, "ann", "N3w#Passw0rd");
    }

    @Test
    void withoutMediumsAPhoneGetsAnSmsAndOnlyThat() {
        String poolId = pool(Map.of());
        String clientId = createPasswordClient(poolId);
        String number = phone();
        String address = email("bea");
        create(poolId, user("bea", Map.of("phone_number", number, "email", address))).statusCode(201);
        String password = passwordIn(SmsGateway.await(number, 1).message(), "bea");
        signIn(clientId, "bea", password).statusCode(200).body("challengeName", equalTo("NEW_PASSWORD_REQUIRED"));
        Outbox.assertNothingSent(poolId, address);
    }

    @Test
    void bothMediumsSendBothWithOnePassword() {
        String poolId = pool(Map.of());
        String number = phone();
        String address = email("cat");
        Map<String, Object> body = user("cat", Map.of("phone_number", number, "email", address));
        body.put("desiredDeliveryMediums", List.of("SMS", "EMAIL"));
        create(poolId, body).statusCode(201);
        String bySms = passwordIn(SmsGateway.await(number, 1).message(), "cat");
        String byMail = passwordIn(Mailbox.await(address, 1).body(), "cat");
        assertThat(byMail).isEqualTo(bySms);
    }

    @Test
    void withoutMediumsOrPhoneTheInvitationFallsBackToEmailAndWithoutEitherNothingIsSent() {
        String poolId = pool(Map.of());
        String address = email("dan");
        create(poolId, user("dan", Map.of("email", address))).statusCode(201);
        passwordIn(Mailbox.await(address, 1).body(), "dan");
        String other = pool(Map.of());
        create(other, user("eve", Map.of("nickname", "e"))).statusCode(201).body("status",
                equalTo("FORCE_CHANGE_PASSWORD"));
        assertThat(Outbox.waiting(other)).isZero();
    }

    @Test
    void aDesiredMediumNeedsItsAttribute() {
        String poolId = pool(Map.of());
        Map<String, Object> noEmail = user("fay", Map.of("phone_number", phone()));
        noEmail.put("desiredDeliveryMediums", List.of("EMAIL"));
        problem(create(poolId, noEmail), 400, "InvalidParameterException")
                .body("detail", equalTo("No email provided but desired delivery medium was Email"));
        Map<String, Object> noPhone = user("fay", Map.of("email", email("fay")));
        noPhone.put("desiredDeliveryMediums", List.of("EMAIL", "SMS"));
        problem(create(poolId, noPhone), 400, "InvalidParameterException")
                .body("detail", equalTo("No phone number provided but desired delivery medium was SMS"));
        admin().get("/pools/{p}/users/fay", poolId).then().statusCode(404);
        Map<String, Object> badMedium = user("fay", Map.of());
        badMedium.put("desiredDeliveryMediums", List.of("PIGEON"));
        problem(create(poolId, badMedium), 400, "InvalidParameterException");
        assertThat(Outbox.waiting(poolId)).isZero();
    }

    @Test
    void suppressSendsNothingAndSkipsTheMediumCheck() {
        String poolId = pool(Map.of());
        String address = email("gus");
        Map<String, Object> body = user("gus", Map.of("email", address));
        body.put("messageAction", "SUPPRESS");
        body.put("desiredDeliveryMediums", List.of("SMS", "EMAIL"));
        create(poolId, body).statusCode(201).body("status", equalTo("FORCE_CHANGE_PASSWORD"));
        Outbox.assertNothingSent(poolId, address);
    }

    @Test
    void thePoolsInviteTemplateIsUsedAndShown() {
        String poolId = pool(Map.of("adminCreateUserConfig", Map.of("allowAdminCreateUserOnly", true,
                "inviteMessageTemplate", Map.of(
                        "emailSubject", "Welcome {username}",
                        "emailMessage", "<p>Hello {username}, your password: {####}</p>",
                        "smsMessage", "Hi {username}: {####}"))));
        admin().get("/pools/{p}", poolId).then().statusCode(200)
                .body("adminCreateUserConfig.allowAdminCreateUserOnly", equalTo(true))
                .body("adminCreateUserConfig.unusedAccountValidityDays", equalTo(7))
                .body("adminCreateUserConfig.inviteMessageTemplate.smsMessage", equalTo("Hi {username}: {####}"));
        String clientId = createPasswordClient(poolId);
        String number = phone();
        String address = email("hal");
        Map<String, Object> body = user("hal", Map.of("phone_number", number, "email", address));
        body.put("desiredDeliveryMediums", List.of("EMAIL", "SMS"));
        create(poolId, body).statusCode(201);
        Mailbox.Mail mail = Mailbox.await(address, 1);
        assertThat(mail.subject()).isEqualTo("Welcome {username}");
        Matcher m = Pattern.compile("<p>Hello hal, your password: (.+)</p>").matcher(mail.body());
        assertThat(m.matches()).as(mail.body()).isTrue();
        assertThat(SmsGateway.await(number, 1).message()).isEqualTo("Hi hal: " + m.group(1));
        signIn(clientId, "hal", m.group(1)).statusCode(200).body("challengeName", equalTo("NEW_PASSWORD_REQUIRED"));
    }

    @Test
    void aPoolShowsCognitosDefaultsAndRefusesInvitationsWithoutBothPlaceholders() {
        String poolId = pool(Map.of());
        admin().get("/pools/{p}", poolId).then().statusCode(200)
                .body("adminCreateUserConfig.allowAdminCreateUserOnly", equalTo(false))
                .body("adminCreateUserConfig.unusedAccountValidityDays", equalTo(7))
                .body("adminCreateUserConfig", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey(
                        "inviteMessageTemplate")));
        for (Map<String, String> template : List.of(Map.of("emailMessage", "Your password: {####}"),
                Map.of("smsMessage", "Hi {username}, welcome"))) {
            problem(adminJson(Map.of("name", "bad-invite", "adminCreateUserConfig",
                    Map.of("inviteMessageTemplate", template))).post("/pools").then(), 400,
                    "InvalidParameterException").body("detail", equalTo("The message is invalid."));
        }
        problem(adminJson(Map.of("name", "bad-invite", "adminCreateUserConfig",
                Map.of("unusedAccountValidityDays", 366))).post("/pools").then(), 400, "InvalidParameterException");
    }

    @Test
    void legacyUnusedAccountValidityDaysSetsTheValidityUnlessThePolicyDoes() {
        String legacy = pool(Map.of("adminCreateUserConfig", Map.of("unusedAccountValidityDays", 3)));
        admin().get("/pools/{p}", legacy).then().statusCode(200)
                .body("passwordPolicy.temporaryPasswordValidityDays", equalTo(3));
        problem(adminJson(Map.of("name", "both", "passwordPolicy", Map.of("temporaryPasswordValidityDays", 2),
                "adminCreateUserConfig", Map.of("unusedAccountValidityDays", 3))).post("/pools").then(), 400,
                "InvalidParameterException").body("detail", equalTo(
                        "Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays"));
        String zero = pool(Map.of("passwordPolicy", Map.of("temporaryPasswordValidityDays", 2),
                "adminCreateUserConfig", Map.of("unusedAccountValidityDays", 0)));
        admin().get("/pools/{p}", zero).then().statusCode(200)
                .body("passwordPolicy.temporaryPasswordValidityDays", equalTo(2));
        // the same number in both, as DescribeUserPool answers them, is one setting given twice
        String same = pool(Map.of("passwordPolicy", Map.of("temporaryPasswordValidityDays", 4),
                "adminCreateUserConfig", Map.of("unusedAccountValidityDays", 4)));
        admin().get("/pools/{p}", same).then().statusCode(200)
                .body("passwordPolicy.temporaryPasswordValidityDays", equalTo(4));
    }

    @Test
    void resendGivesANewTemporaryPasswordAndTheOldOneStopsWorking() {
        String poolId = pool(Map.of());
        String clientId = createPasswordClient(poolId);
        String address = email("ida");
        Map<String, Object> first = user("ida", Map.of("email", address));
        first.put("temporaryPassword", "Temp#Passw0rd");
        first.put("messageAction", "SUPPRESS");
        create(poolId, first).statusCode(201);

        Map<String, Object> resend = user("ida", Map.of("nickname", "ignored"));
        resend.put("messageAction", "RESEND");
        resend.put("desiredDeliveryMediums", List.of("EMAIL"));
        create(poolId, resend).statusCode(201).body("username", equalTo("ida"))
                .body("status", equalTo("FORCE_CHANGE_PASSWORD"))
                .body("attributes.email", equalTo(address))
                .body("attributes", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("nickname")));
        String password = passwordIn(Mailbox.await(address, 1).body(), "ida");
        assertThat(password).isNotEqualTo("Temp#Passw0rd");
        problem(signIn(clientId, "ida", "Temp#Passw0rd"), 401, "NotAuthorizedException")
                .body("detail", equalTo("Incorrect username or password."));
        signIn(clientId, "ida", password).statusCode(200).body("challengeName", equalTo("NEW_PASSWORD_REQUIRED"));

        Map<String, Object> given = user("ida", Map.of());
        given.put("messageAction", "RESEND");
        given.put("temporaryPassword", "An0ther#Temp");
        create(poolId, given).statusCode(201);
        assertThat(passwordIn(Mailbox.await(address, 2).body(), "ida")).isEqualTo("An0ther#Temp");
        signIn(clientId, "ida", "An0ther#Temp").statusCode(200)
                .body("challengeName", equalTo("NEW_PASSWORD_REQUIRED"));
        given.put("temporaryPassword", "weak");
        problem(create(poolId, given), 400, "InvalidPasswordException");
    }

    @Test
    void resendNeedsAnExistingUserInForceChangePassword() {
        String poolId = pool(Map.of());
        Map<String, Object> resend = user("nobody", Map.of());
        resend.put("messageAction", "RESEND");
        problem(create(poolId, resend), 404, "UserNotFoundException").body("detail", equalTo("User does not exist."));

        String address = email("jon");
        Auth.confirmedUser(poolId, "jon", Map.of("email", address));
        Map<String, Object> confirmed = user("jon", Map.of());
        confirmed.put("messageAction", "RESEND");
        problem(create(poolId, confirmed), 409, "UnsupportedUserStateException")
                .body("detail", equalTo("Resend not possible. jon status is not FORCE_CHANGE_PASSWORD"));
        Outbox.assertNothingSent(poolId, address);
    }

    @Test
    void resendFindsTheUserOfAUsernameAttributePoolByEmail() {
        String poolId = pool(Map.of("usernameAttributes", List.of("email")));
        String address = email("kim");
        Map<String, Object> body = user(address, Map.of());
        body.put("messageAction", "SUPPRESS");
        String sub = create(poolId, body).statusCode(201).extract().path("sub");
        Map<String, Object> resend = user(address, Map.of());
        resend.put("messageAction", "RESEND");
        create(poolId, resend).statusCode(201).body("sub", equalTo(sub));
        assertThat(passwordIn(Mailbox.await(address, 1).body(), sub)).isNotBlank();
    }

    @Test
    void generatedPasswordsMeetThePoolsPolicy() {
        for (int minimumLength : List.of(6, 12, 40)) {
            String poolId = pool(Map.of("passwordPolicy", Map.of("minimumLength", minimumLength)));
            String clientId = createPasswordClient(poolId);
            String address = email("len" + minimumLength);
            create(poolId, user("u", Map.of("email", address))).statusCode(201);
            String password = passwordIn(Mailbox.await(address, 1).body(), "u");
            assertThat(password).hasSize(Math.max(8, minimumLength));
            signIn(clientId, "u", password).statusCode(200).body("challengeName", equalTo("NEW_PASSWORD_REQUIRED"));
        }
    }

    static ValidatableResponse problem(ValidatableResponse response, int status, String code) {
        return response.statusCode(status).contentType(PROBLEM).body("code", equalTo(code));
    }
}
