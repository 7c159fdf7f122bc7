package io.userpools.aws;

import static io.userpools.aws.AwsClients.PASSWORD;
import static io.userpools.aws.AwsClients.attribute;
import static io.userpools.aws.AwsClients.attributes;
import static io.userpools.aws.AwsClients.awsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.userpools.support.Api;
import io.userpools.support.Mailbox;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeDeliveryDetailsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;

/**
 * The signed-in user's operations on the AWS endpoint through the AWS SDK for Java v2, by the
 * access token in the body: DeleteUserAttributes, GetUserAttributeVerificationCode (the code is
 * read from the mail the test SMTP server received), VerifyUserAttribute, GlobalSignOut, and the
 * member paths of UpdateUserAttributes' validation errors.
 */
@QuarkusTest
class AwsSelfServiceTest extends AwsSdkTest {

    /** A pool that mails codes, made with the REST API (the AWS endpoint has no messaging settings yet). */
    static String mailingPool() {
        return Api.createPool(Map.of("name", "aws-self-" + UUID.randomUUID().toString().substring(0, 8),
                "autoVerifiedAttributes", List.of("email"),
                "messaging", Map.of("email", Map.of("subject", "Code", "message", "Code {####}."))));
    }

    record SignedIn(String clientId, AuthenticationResultType auth) {
        String token() {
            return auth.accessToken();
        }
    }

    SignedIn signedIn(String pool, String username, software.amazon.awssdk.services.cognitoidentityprovider
            .model.AttributeType... attributes) {
        String clientId = AwsClients.newClient(cognito, pool, ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH);
        AwsClients.confirmedUser(cognito, pool, username, attributes);
        return new SignedIn(clientId, cognito.initiateAuth(r -> r.clientId(clientId)
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", PASSWORD))).authenticationResult());
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    // ---- DeleteUserAttributes

    @Test
    void deleteUserAttributesRemovesThem() {
        String pool = AwsClients.newPool(cognito);
        SignedIn me = signedIn(pool, "mia", attribute("given_name", "Mia"), attribute("family_name", "Wallace"));
        cognito.deleteUserAttributes(r -> r.accessToken(me.token()).userAttributeNames("given_name"));
        assertThat(attributes(cognito.getUser(r -> r.accessToken(me.token())).userAttributes()))
                .doesNotContainKey("given_name").containsEntry("family_name", "Wallace");
        // a name in the schema without a value is a no-op, as is an empty list
        cognito.deleteUserAttributes(r -> r.accessToken(me.token()).userAttributeNames("nickname"));
        cognito.deleteUserAttributes(r -> r.accessToken(me.token()).userAttributeNames(List.of()));
    }

    @Test
    void deleteUserAttributesErrors() {
        String pool = AwsClients.newPool(cognito);
        SignedIn me = signedIn(pool, "nia");
        assertError(awsError(() -> cognito.deleteUserAttributes(r -> r.accessToken(me.token())
                .userAttributeNames("custom:nope"))), "InvalidParameterException",
                "user.custom:nope: Attribute does not exist in the schema.");
        assertError(awsError(() -> cognito.deleteUserAttributes(r -> r.accessToken(me.token())
                .userAttributeNames("sub"))), "NotAuthorizedException",
                "A client attempted to write unauthorized attribute");
        assertError(awsError(() -> cognito.deleteUserAttributes(r -> r.accessToken(me.token())
                .userAttributeNames("given_name", "x".repeat(33)))), "InvalidParameterException",
                "1 validation error detected: Value '" + "x".repeat(33) + "' at 'userAttributeNames.2.member' "
                        + "failed to satisfy constraint: Member must have length less than or equal to 32");
        assertError(awsError(() -> cognito.deleteUserAttributes(r -> r.accessToken("not.a.token")
                .userAttributeNames("given_name"))), "NotAuthorizedException", "Invalid Access Token");
    }

    // ---- GetUserAttributeVerificationCode, VerifyUserAttribute

    @Test
    void mailedCodeVerifiesTheEmail() {
        String pool = mailingPool();
        String email = unique("ola");
        SignedIn me = signedIn(pool, "ola", attribute("email", email));

        CodeDeliveryDetailsType details = cognito.getUserAttributeVerificationCode(r -> r.accessToken(me.token())
                .attributeName("email")).codeDeliveryDetails();
        assertThat(details.destination()).isEqualTo("o***@e***");
        assertThat(details.deliveryMedium()).isEqualTo(DeliveryMediumType.EMAIL);
        assertThat(details.attributeName()).isEqualTo("email");
        String code = Mailbox.await(email, 1).code();

        String wrong = code.equals("000000") ? "111111" : "000000";
        assertError(awsError(() -> cognito.verifyUserAttribute(r -> r.accessToken(me.token())
                .attributeName("email").code(wrong))), "CodeMismatchException",
                "Invalid verification code provided, please try again.");

        cognito.verifyUserAttribute(r -> r.accessToken(me.token()).attributeName("email").code(code));
        assertThat(attributes(cognito.adminGetUser(r -> r.userPoolId(pool).username("ola")).userAttributes()))
                .containsEntry("email_verified", "true");
        assertError(awsError(() -> cognito.verifyUserAttribute(r -> r.accessToken(me.token())
                .attributeName("email").code(code))), "ExpiredCodeException",
                "Invalid code provided, please request a code again.");
    }

    @Test
    void verificationCodeErrors() {
        String pool = mailingPool();
        SignedIn me = signedIn(pool, "pam", attribute("given_name", "Pam"));
        String notVerifiable = "Invalid attribute name. Only phone_number and email can be verified.";
        assertError(awsError(() -> cognito.getUserAttributeVerificationCode(r -> r.accessToken(me.token())
                .attributeName("given_name"))), "InvalidParameterException", notVerifiable);
        assertError(awsError(() -> cognito.getUserAttributeVerificationCode(r -> r.accessToken(me.token())
                .attributeName("email"))), "InvalidParameterException",
                "User does not have a valid registered email address");
        assertError(awsError(() -> cognito.verifyUserAttribute(r -> r.accessToken(me.token())
                .attributeName("given_name").code("123456"))), "InvalidParameterException", notVerifiable);
        assertError(awsError(() -> cognito.verifyUserAttribute(r -> r.accessToken(me.token())
                .attributeName("email").code("12 34"))), "InvalidParameterException",
                "1 validation error detected: Value '12 34' at 'code' failed to satisfy constraint: Member must "
                        + "satisfy regular expression pattern: [\\S]+");
        assertError(awsError(() -> cognito.verifyUserAttribute(r -> r.accessToken(me.token())
                .attributeName("email").code("123456"))), "ExpiredCodeException", null);
        assertError(awsError(() -> cognito.getUserAttributeVerificationCode(r -> r.accessToken("not.a.token")
                .attributeName("email"))), "NotAuthorizedException", "Invalid Access Token");
    }

    // ---- GlobalSignOut

    @Test
    void globalSignOutRevokesEveryToken() {
        String pool = AwsClients.newPool(cognito);
        SignedIn me = signedIn(pool, "quin");
        cognito.globalSignOut(r -> r.accessToken(me.token()));
        assertError(awsError(() -> cognito.globalSignOut(r -> r.accessToken(me.token()))),
                "NotAuthorizedException", "Access Token has been revoked");
        assertError(awsError(() -> cognito.getUser(r -> r.accessToken(me.token()))),
                "NotAuthorizedException", "Access Token has been revoked");
        assertError(awsError(() -> cognito.initiateAuth(r -> r.clientId(me.clientId())
                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", me.auth().refreshToken())))),
                "NotAuthorizedException", "Refresh Token has been revoked");
        assertError(awsError(() -> cognito.globalSignOut(r -> r.accessToken("not.a.token"))),
                "NotAuthorizedException", "Invalid Access Token");
    }

    @Test
    void selfOperationsOfADeletedUserAreUserNotFound() {
        String pool = AwsClients.newPool(cognito);
        SignedIn me = signedIn(pool, "rae");
        cognito.adminDeleteUser(r -> r.userPoolId(pool).username("rae"));
        assertError(awsError(() -> cognito.deleteUserAttributes(r -> r.accessToken(me.token())
                .userAttributeNames("given_name"))), "UserNotFoundException", "User does not exist.");
    }

    @Test
    void selfOperationsAnswerByTheUsersStatus() {
        String pool = AwsClients.newPool(cognito);
        SignedIn me = signedIn(pool, "ray");
        AwsClients.status(pool, "ray", "UNCONFIRMED");
        assertError(awsError(() -> cognito.globalSignOut(r -> r.accessToken(me.token()))),
                "UserNotConfirmedException", "User is not confirmed.");
        assertError(awsError(() -> cognito.getUserAttributeVerificationCode(r -> r.accessToken(me.token())
                .attributeName("email"))), "UserNotConfirmedException", "User is not confirmed.");
        AwsClients.status(pool, "ray", "RESET_REQUIRED");
        assertError(awsError(() -> cognito.verifyUserAttribute(r -> r.accessToken(me.token())
                .attributeName("email").code("123456"))),
                "PasswordResetRequiredException", "Password reset required for the user");
        assertError(awsError(() -> cognito.deleteUserAttributes(r -> r.accessToken(me.token())
                .userAttributeNames("given_name"))),
                "PasswordResetRequiredException", "Password reset required for the user");
    }

    // ---- validation errors name AWS member paths

    @Test
    void updateValidationErrorsNameTheAwsMemberPath() {
        String pool = AwsClients.newPool(cognito);
        SignedIn me = signedIn(pool, "sam");
        assertError(awsError(() -> cognito.updateUserAttributes(r -> r.accessToken(me.token())
                .userAttributes(attribute("given_name", "ok"), attribute("family_name", "x".repeat(2049))))),
                "InvalidParameterException", "1 validation error detected: Value at "
                        + "'userAttributes.2.member.value' failed to satisfy constraint: Member must have "
                        + "length less than or equal to 2048");
        assertError(awsError(() -> cognito.updateUserAttributes(r -> r.accessToken(me.token())
                .userAttributes(attribute("given_name", "ok"), attribute("", "x"),
                        attribute("y".repeat(33), "x")))),
                "InvalidParameterException", "2 validation errors detected: Value '' at "
                        + "'userAttributes.2.member.name' failed to satisfy constraint: Member must have length "
                        + "greater than or equal to 1; Value '" + "y".repeat(33) + "' at "
                        + "'userAttributes.3.member.name' failed to satisfy constraint: Member must have length "
                        + "less than or equal to 32");
        assertError(awsError(() -> cognito.adminUpdateUserAttributes(r -> r.userPoolId(pool).username("sam")
                .userAttributes(attribute("given_name", "ok"), attribute("given_name", "again")))),
                "InvalidParameterException", "1 validation error detected: Value 'given_name' at 'userAttributes' "
                        + "failed to satisfy constraint: Member must not contain duplicate attribute names");
        assertError(awsError(() -> cognito.deleteUserAttributes(r -> r.accessToken(me.token())
                .userAttributeNames("given_name", "given_name"))), "InvalidParameterException",
                "1 validation error detected: Value 'given_name' at 'userAttributeNames' failed to satisfy "
                        + "constraint: Member must not contain duplicate attribute names");
    }
}
