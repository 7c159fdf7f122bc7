package io.userpools.aws;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.userpools.support.Api;
import io.userpools.support.Auth;
import io.userpools.support.Lockouts;
import io.userpools.support.Mailbox;
import java.net.URI;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DefaultEmailOptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerificationMessageTemplateType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

/**
 * CONFIRM_WITH_LINK and the lockout of code checks through the AWS SDK for Java v2: the
 * VerificationMessageTemplate members on CreateUserPool, UpdateUserPool and DescribeUserPool with
 * Cognito's validation texts, the link mailed at SignUp that confirms the user, and ConfirmSignUp
 * and ConfirmForgotPassword refused with LimitExceededException while the user is locked out.
 */
@QuarkusTest
class AwsConfirmWithLinkTest {

    private static final Pattern HREF = Pattern.compile("<a href=\"([^\"]+)\">");
    private static final String LIMIT = "Attempt limit exceeded, please try after some time.";

    @TestHTTPResource("/")
    URI root;

    CognitoIdentityProviderClient cognito;

    @BeforeEach
    void client() {
        cognito = AwsClients.admin(root);
    }

    @AfterEach
    void close() {
        cognito.close();
    }

    private static String message(Runnable call) {
        try {
            call.run();
        } catch (InvalidParameterException e) {
            return e.awsErrorDetails().errorMessage();
        }
        throw new AssertionError("expected InvalidParameterException");
    }

    private static VerificationMessageTemplateType link(String message, String subject) {
        return VerificationMessageTemplateType.builder().defaultEmailOption(DefaultEmailOptionType.CONFIRM_WITH_LINK)
                .emailMessageByLink(message).emailSubjectByLink(subject).build();
    }

    private static String email(String who) {
        return "aws-" + who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    @Test
    void theLinkSettingsAreStoredDescribedAndResetByAnUpdateThatLeavesThemOut() {
        String poolId = cognito.createUserPool(r -> r.poolName("aws-link")
                .verificationMessageTemplate(link("Confirm: {##Go##}", "Please confirm"))).userPool().id();
        VerificationMessageTemplateType described = cognito.describeUserPool(r -> r.userPoolId(poolId)).userPool()
                .verificationMessageTemplate();
        assertThat(described.defaultEmailOption()).isEqualTo(DefaultEmailOptionType.CONFIRM_WITH_LINK);
        assertThat(described.emailMessageByLink()).isEqualTo("Confirm: {##Go##}");
        assertThat(described.emailSubjectByLink()).isEqualTo("Please confirm");
        assertThat(described.emailMessage()).contains("{####}");

        cognito.updateUserPool(r -> r.userPoolId(poolId).autoVerifiedAttributes(VerifiedAttributeType.EMAIL));
        described = cognito.describeUserPool(r -> r.userPoolId(poolId)).userPool().verificationMessageTemplate();
        assertThat(described.defaultEmailOption()).isEqualTo(DefaultEmailOptionType.CONFIRM_WITH_CODE);
        assertThat(described.emailMessageByLink()).isNull();

        cognito.updateUserPool(r -> r.userPoolId(poolId).verificationMessageTemplate(VerificationMessageTemplateType
                .builder().defaultEmailOption(DefaultEmailOptionType.CONFIRM_WITH_LINK).build()));
        assertThat(cognito.describeUserPool(r -> r.userPoolId(poolId)).userPool().verificationMessageTemplate()
                .defaultEmailOption()).isEqualTo(DefaultEmailOptionType.CONFIRM_WITH_LINK);
    }

    @Test
    void linkSettingsAreRefusedWithCognitosTexts() {
        assertThat(message(() -> cognito.createUserPool(r -> r.poolName("bad")
                .verificationMessageTemplate(link("No link here", null)))))
                .isEqualTo("The message is invalid.");
        assertThat(message(() -> cognito.createUserPool(r -> r.poolName("bad")
                .verificationMessageTemplate(link("Your code is {####}", null)))))
                .isEqualTo("The message is empty.");
        assertThat(message(() -> cognito.createUserPool(r -> r.poolName("bad")
                .verificationMessageTemplate(t -> t.emailMessageByLink("Code mode, {no link}")))))
                .isEqualTo("The message is invalid.");
        assertThat(message(() -> cognito.createUserPool(r -> r.poolName("bad")
                .verificationMessageTemplate(t -> t.defaultEmailOption("CONFIRM_WITH_EMAIL")))))
                .isEqualTo("1 validation error detected: Value 'CONFIRM_WITH_EMAIL' at "
                        + "'verificationMessageTemplate.defaultEmailOption' failed to satisfy constraint: Member must "
                        + "satisfy enum value set: [CONFIRM_WITH_LINK, CONFIRM_WITH_CODE]");
        assertThat(message(() -> cognito.createUserPool(r -> r.poolName("bad")
                .verificationMessageTemplate(link("Bell \u0007 {##Go##}", null)))))
                .startsWith("1 validation error detected: Value 'Bell \u0007 {##Go##}' at "
                        + "'verificationMessageTemplate.emailMessageByLink' failed to satisfy constraint: Member must "
                        + "satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*\\{##");
        assertThat(message(() -> cognito.createUserPool(r -> r.poolName("bad")
                .verificationMessageTemplate(link("{##Go##}", "s".repeat(141))))))
                .contains("'verificationMessageTemplate.emailSubjectByLink' failed to satisfy constraint: Member "
                        + "must have length less than or equal to 140");
        String poolId = cognito.createUserPool(r -> r.poolName("aws-link-ok")
                .verificationMessageTemplate(link("{##Go##}", null))).userPool().id();
        assertThat(message(() -> cognito.updateUserPool(r -> r.userPoolId(poolId)
                .verificationMessageTemplate(link("gone away", null))))).isEqualTo("The message is invalid.");
        assertThat(cognito.describeUserPool(r -> r.userPoolId(poolId)).userPool().verificationMessageTemplate()
                .emailMessageByLink()).isEqualTo("{##Go##}");
    }

    @Test
    void signUpMailsTheLinkThatConfirmsTheUser() {
        String poolId = cognito.createUserPool(r -> r.poolName("aws-link-su")
                .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                .verificationMessageTemplate(link("Welcome, {##confirm here##}", "Confirm"))).userPool().id();
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")).userPoolClient()
                .clientId();
        String address = email("link");
        cognito.signUp(r -> r.clientId(clientId).username("ann").password(Auth.PASSWORD)
                .userAttributes(AttributeType.builder().name("email").value(address).build()));
        Mailbox.Mail mail = Mailbox.await(address, 1);
        assertThat(mail.subject()).isEqualTo("Confirm");
        Matcher m = HREF.matcher(mail.text());
        assertThat(m.find()).isTrue();
        URI link = URI.create(m.group(1).replace("&amp;", "&"));
        given().urlEncodingEnabled(false).accept("text/html").get(link.getRawPath() + "?" + link.getRawQuery())
                .then().statusCode(200).body(containsString("Your account is confirmed."));
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("ann")).userStatus())
                .isEqualTo(UserStatusType.CONFIRMED);
    }

    @Test
    void codeChecksCountInTheLockoutAndAreRefusedWhileLockedOut() throws Exception {
        String poolId = cognito.createUserPool(r -> r.poolName("aws-lock")
                .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)).userPool().id();
        String clientId = Auth.createPasswordClient(poolId);
        String address = email("lock");
        cognito.signUp(r -> r.clientId(clientId).username("ivy").password(Auth.PASSWORD)
                .userAttributes(AttributeType.builder().name("email").value(address).build()));
        String code = Mailbox.await(address, 1).code();
        String wrong = code.equals("000000") ? "111111" : "000000";
        assertThat(AwsSignUpTest.failure(CodeMismatchException.class, () -> cognito.confirmSignUp(r -> r.clientId(clientId)
                .username("ivy").confirmationCode(wrong)))).isNotNull();
        assertThat(Lockouts.failures(poolId)).isEqualTo(1);
        Lockouts.lock(poolId);
        LimitExceededException limited = AwsSignUpTest.failure(LimitExceededException.class, () -> cognito.confirmSignUp(
                r -> r.clientId(clientId).username("ivy").confirmationCode(code)));
        assertThat(limited.awsErrorDetails().errorMessage()).isEqualTo(LIMIT);
        Lockouts.unlock(poolId);
        cognito.confirmSignUp(r -> r.clientId(clientId).username("ivy").confirmationCode(code));

        cognito.forgotPassword(r -> r.clientId(clientId).username("ivy"));
        String reset = Mailbox.await(address, 2).code();
        String miss = reset.equals("000000") ? "111111" : "000000";
        AwsSignUpTest.failure(CodeMismatchException.class, () -> cognito.confirmForgotPassword(r -> r.clientId(clientId)
                .username("ivy").confirmationCode(miss).password("N3w#Passw0rd")));
        assertThat(Lockouts.failures(poolId)).isEqualTo(2);
        Lockouts.lock(poolId);
        assertThat(AwsSignUpTest.failure(LimitExceededException.class, () -> cognito.confirmForgotPassword(r -> r.clientId(clientId)
                .username("ivy").confirmationCode(reset).password("N3w#Passw0rd"))).awsErrorDetails().errorMessage())
                .isEqualTo(LIMIT);
        Lockouts.unlock(poolId);
        cognito.confirmForgotPassword(r -> r.clientId(clientId).username("ivy").confirmationCode(reset)
                .password("N3w#Passw0rd"));
        assertThat(Lockouts.failures(poolId)).isZero();
        assertThat(Api.admin().get("/pools/{p}/users/{u}", poolId, "ivy").jsonPath().getString("status"))
                .isEqualTo("CONFIRMED");
    }
}
