package io.userpools.aws;

import static io.userpools.aws.AwsClients.awsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.userpools.support.Api;
import io.userpools.support.Auth;
import io.userpools.support.Lockouts;
import io.userpools.support.Mailbox;
import java.net.URI;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeDeliveryDetailsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExpiredCodeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordHistoryPolicyViolationException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordResetRequiredException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RecoveryOptionNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RecoveryOptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * ForgotPassword, ConfirmForgotPassword, ChangePassword (unsigned) and AdminResetUserPassword
 * (signed) through the AWS SDK for Java v2: Cognito's shapes and error codes, with the codes read
 * from the test SMTP server.
 */
@QuarkusTest
class AwsPasswordOperationsTest {

    @TestHTTPResource("/")
    URI root;

    CognitoIdentityProviderClient cognito;

    @BeforeEach
    void client() {
        cognito = CognitoIdentityProviderClient.builder().endpointOverride(root).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("test", "test-admin-secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterEach
    void close() {
        cognito.close();
    }

    record Setup(String poolId, String clientId, String address) {
    }

    static Setup userWithVerifiedEmail(String username) {
        String poolId = Api.createPool(Map.of("name", "aws-pw"));
        String clientId = Auth.createPasswordClient(poolId);
        String address = username + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Auth.confirmedUser(poolId, username, Map.of("email", address, "email_verified", "true"));
        return new Setup(poolId, clientId, address);
    }

    String signIn(Setup s, String username, String password) {
        return cognito.initiateAuth(r -> r.clientId(s.clientId()).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", password)))
                .authenticationResult().accessToken();
    }

    @Test
    void forgotAndConfirmForgotPassword() {
        Setup s = userWithVerifiedEmail("ann");
        CodeDeliveryDetailsType details = cognito.forgotPassword(r -> r.clientId(s.clientId()).username("ann")
                .clientMetadata(Map.of("app", "sdk"))).codeDeliveryDetails();
        assertThat(details.destination()).isEqualTo("a***@e***");
        assertThat(details.deliveryMedium()).isEqualTo(DeliveryMediumType.EMAIL);
        assertThat(details.attributeName()).isEqualTo("email");
        String code = Mailbox.await(s.address(), 1).code();

        String wrong = code.equals("000000") ? "111111" : "000000";
        AwsServiceException mismatch = awsError(() -> cognito.confirmForgotPassword(r -> r.clientId(s.clientId())
                .username("ann").confirmationCode(wrong).password("N3w#Passw0rd")));
        assertThat(mismatch).isInstanceOf(CodeMismatchException.class);
        assertThat(mismatch.awsErrorDetails().errorMessage())
                .isEqualTo("Invalid verification code provided, please try again.");
        AwsServiceException weak = awsError(() -> cognito.confirmForgotPassword(r -> r.clientId(s.clientId())
                .username("ann").confirmationCode(code).password("weakpass")));
        assertThat(weak).isInstanceOf(InvalidPasswordException.class);

        cognito.confirmForgotPassword(r -> r.clientId(s.clientId()).username("ann").confirmationCode(code)
                .password("N3w#Passw0rd"));
        assertThat(signIn(s, "ann", "N3w#Passw0rd")).isNotBlank();
        assertThat(awsError(() -> cognito.confirmForgotPassword(r -> r.clientId(s.clientId()).username("ann")
                .confirmationCode(code).password("An0ther#Passw0rd")))).isInstanceOf(ExpiredCodeException.class);
    }

    @Test
    void forgotPasswordErrors() {
        Setup s = userWithVerifiedEmail("bob");
        AwsServiceException unknown = awsError(() -> cognito.forgotPassword(r -> r.clientId(s.clientId())
                .username("nobody")));
        assertThat(unknown).isInstanceOf(UserNotFoundException.class);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.awsErrorDetails().errorMessage()).isEqualTo("Username/client id combination not found.");
        Auth.confirmedUser(s.poolId(), "nomail", Map.of());
        AwsServiceException noChannel = awsError(() -> cognito.forgotPassword(r -> r.clientId(s.clientId())
                .username("nomail")));
        assertThat(noChannel).isInstanceOf(InvalidParameterException.class);
        assertThat(noChannel.awsErrorDetails().errorMessage()).isEqualTo(
                "Cannot reset password for the user as there is no registered/verified email or phone_number");
        AwsServiceException missing = awsError(() -> cognito.forgotPassword(r -> r.clientId(s.clientId())));
        assertThat(missing).isInstanceOf(InvalidParameterException.class);
        assertThat(missing.awsErrorDetails().errorMessage()).contains("username");
    }

    @Test
    void changePassword() {
        Setup s = userWithVerifiedEmail("cat");
        String token = signIn(s, "cat", Auth.PASSWORD);
        AwsServiceException wrong = awsError(() -> cognito.changePassword(r -> r.accessToken(token)
                .previousPassword("Wr0ng#Passw0rd").proposedPassword("N3w#Passw0rd")));
        assertThat(wrong).isInstanceOf(NotAuthorizedException.class);
        assertThat(wrong.awsErrorDetails().errorMessage()).isEqualTo("Incorrect username or password.");
        AwsServiceException missing = awsError(() -> cognito.changePassword(r -> r.accessToken(token)
                .proposedPassword("N3w#Passw0rd")));
        assertThat(missing).isInstanceOf(InvalidParameterException.class);
        assertThat(missing.awsErrorDetails().errorMessage()).isEqualTo("Missing required parameter PreviousPassword");
        AwsServiceException shape = awsError(() -> cognito.changePassword(r -> r.accessToken(token)
                .previousPassword(Auth.PASSWORD).proposedPassword(" N3w#Passw0rd")));
        assertThat(shape).isInstanceOf(InvalidParameterException.class);
        assertThat(shape.awsErrorDetails().errorMessage()).contains("proposedPassword").doesNotContain("N3w#");
        cognito.changePassword(r -> r.accessToken(token).previousPassword(Auth.PASSWORD)
                .proposedPassword("N3w#Passw0rd"));
        assertThat(signIn(s, "cat", "N3w#Passw0rd")).isNotBlank();
        assertThat(awsError(() -> cognito.changePassword(r -> r.accessToken("not.a.token")
                .previousPassword(Auth.PASSWORD).proposedPassword("N3w#Passw0rd"))))
                .isInstanceOf(NotAuthorizedException.class);
    }

    @Test
    void changePasswordFeedsAndHonoursTheSignInLockout() throws SQLException {
        Setup s = userWithVerifiedEmail("cid");
        String token = signIn(s, "cid", Auth.PASSWORD);
        for (int i = 0; i < 4; i++) {
            assertThat(awsError(() -> cognito.changePassword(r -> r.accessToken(token)
                    .previousPassword("Wr0ng#Passw0rd").proposedPassword("N3w#Passw0rd"))).awsErrorDetails()
                    .errorMessage()).isEqualTo("Incorrect username or password.");
        }
        assertThat(awsError(() -> signIn(s, "cid", "Wr0ng#Passw0rd")).awsErrorDetails().errorMessage())
                .isEqualTo("Incorrect username or password.");
        Lockouts.hold(s.poolId());
        AwsServiceException locked = awsError(() -> cognito.changePassword(r -> r.accessToken(token)
                .previousPassword(Auth.PASSWORD).proposedPassword("N3w#Passw0rd")));
        assertThat(locked).isInstanceOf(NotAuthorizedException.class);
        assertThat(locked.awsErrorDetails().errorMessage()).isEqualTo("Password attempts exceeded");
        assertThat(Lockouts.failures(s.poolId())).isEqualTo(5);
    }

    @Test
    void passwordHistorySize() {
        String poolId = cognito.createUserPool(r -> r.poolName("aws-history")
                .policies(p -> p.passwordPolicy(pp -> pp.minimumLength(8).passwordHistorySize(2)))).userPool().id();
        assertThat(cognito.describeUserPool(r -> r.userPoolId(poolId)).userPool().policies().passwordPolicy()
                .passwordHistorySize()).isEqualTo(2);
        String clientId = Auth.createPasswordClient(poolId);
        Auth.confirmedUser(poolId, "hal", Map.of());
        AwsServiceException reused = awsError(() -> cognito.adminSetUserPassword(r -> r.userPoolId(poolId)
                .username("hal").password(Auth.PASSWORD).permanent(true)));
        assertThat(reused).isInstanceOf(PasswordHistoryPolicyViolationException.class);
        assertThat(reused.awsErrorDetails().errorMessage()).isEqualTo("Password has previously been used.");
        String token = signIn(new Setup(poolId, clientId, null), "hal", Auth.PASSWORD);
        cognito.changePassword(r -> r.accessToken(token).previousPassword(Auth.PASSWORD)
                .proposedPassword("N3w#Passw0rd"));
        assertThat(awsError(() -> cognito.changePassword(r -> r.accessToken(token).previousPassword("N3w#Passw0rd")
                .proposedPassword(Auth.PASSWORD)))).isInstanceOf(PasswordHistoryPolicyViolationException.class);
        assertThat(awsError(() -> cognito.createUserPool(r -> r.poolName("aws-history")
                .policies(p -> p.passwordPolicy(pp -> pp.passwordHistorySize(25))))))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void accountRecoverySetting() {
        String poolId = cognito.createUserPool(r -> r.poolName("aws-recovery").accountRecoverySetting(a -> a
                .recoveryMechanisms(m -> m.name(RecoveryOptionNameType.VERIFIED_PHONE_NUMBER).priority(2),
                        m -> m.name(RecoveryOptionNameType.VERIFIED_EMAIL).priority(1)))).userPool().id();
        assertThat(cognito.describeUserPool(r -> r.userPoolId(poolId)).userPool().accountRecoverySetting()
                .recoveryMechanisms()).extracting(RecoveryOptionType::nameAsString)
                .containsExactly("verified_email", "verified_phone_number");
        String clientId = Auth.createPasswordClient(poolId);
        Auth.confirmedUser(poolId, "ivy", Map.of("email", "ivy@example.com", "email_verified", "true",
                "phone_number", "+14325551212", "phone_number_verified", "true"));
        assertThat(cognito.forgotPassword(r -> r.clientId(clientId).username("ivy")).codeDeliveryDetails()
                .deliveryMedium()).isEqualTo(DeliveryMediumType.EMAIL);

        cognito.updateUserPool(r -> r.userPoolId(poolId).accountRecoverySetting(a -> a
                .recoveryMechanisms(m -> m.name(RecoveryOptionNameType.ADMIN_ONLY).priority(1))));
        AwsServiceException forgot = awsError(() -> cognito.forgotPassword(r -> r.clientId(clientId).username("ivy")));
        assertThat(forgot).isInstanceOf(NotAuthorizedException.class);
        assertThat(forgot.awsErrorDetails().errorMessage()).isEqualTo("Contact administrator to reset password.");
        AwsServiceException reset = awsError(() -> cognito.adminResetUserPassword(r -> r.userPoolId(poolId)
                .username("ivy")));
        assertThat(reset).isInstanceOf(InvalidParameterException.class);
        assertThat(reset.awsErrorDetails().errorMessage())
                .isEqualTo("Self-service account recovery is not configured for this user pool.");

        cognito.updateUserPool(r -> r.userPoolId(poolId));
        assertThat(cognito.describeUserPool(r -> r.userPoolId(poolId)).userPool().accountRecoverySetting()).isNull();
        assertThat(cognito.forgotPassword(r -> r.clientId(clientId).username("ivy")).codeDeliveryDetails()
                .deliveryMedium()).isEqualTo(DeliveryMediumType.SMS);
        assertThat(awsError(() -> cognito.updateUserPool(r -> r.userPoolId(poolId).accountRecoverySetting(a -> a
                .recoveryMechanisms(m -> m.name(RecoveryOptionNameType.ADMIN_ONLY).priority(1),
                        m -> m.name(RecoveryOptionNameType.VERIFIED_EMAIL).priority(2))))))
                .isInstanceOf(InvalidParameterException.class);
        assertThat(awsError(() -> cognito.updateUserPool(r -> r.userPoolId(poolId).accountRecoverySetting(a -> a
                .recoveryMechanisms(m -> m.name(RecoveryOptionNameType.VERIFIED_EMAIL).priority(3))))))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void adminResetUserPassword() {
        Setup s = userWithVerifiedEmail("dan");
        String token = signIn(s, "dan", Auth.PASSWORD);
        cognito.adminResetUserPassword(r -> r.userPoolId(s.poolId()).username("dan"));
        assertThat(cognito.adminGetUser(r -> r.userPoolId(s.poolId()).username("dan")).userStatus())
                .isEqualTo(UserStatusType.RESET_REQUIRED);
        AwsServiceException reset = awsError(() -> signIn(s, "dan", Auth.PASSWORD));
        assertThat(reset).isInstanceOf(PasswordResetRequiredException.class);
        assertThat(reset.awsErrorDetails().errorMessage()).isEqualTo("Password reset required for the user");
        assertThat(awsError(() -> cognito.getUser(r -> r.accessToken(token))))
                .isInstanceOf(PasswordResetRequiredException.class);
        String code = Mailbox.await(s.address(), 1).code();
        cognito.confirmForgotPassword(r -> r.clientId(s.clientId()).username("dan").confirmationCode(code)
                .password("N3w#Passw0rd"));
        assertThat(cognito.adminGetUser(r -> r.userPoolId(s.poolId()).username("dan")).userStatus())
                .isEqualTo(UserStatusType.CONFIRMED);

        AwsServiceException unknown = awsError(() -> cognito.adminResetUserPassword(r -> r.userPoolId(s.poolId())
                .username("nobody")));
        assertThat(unknown).isInstanceOf(UserNotFoundException.class);
        assertThat(unknown.awsErrorDetails().errorMessage()).isEqualTo("User does not exist.");
        CognitoIdentityProviderClient unsigned = CognitoIdentityProviderClient.builder().endpointOverride(root)
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("test", "wrong-secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry())).build();
        try (unsigned) {
            AwsServiceException refused = awsError(() -> unsigned.adminResetUserPassword(r -> r
                    .userPoolId(s.poolId()).username("dan")));
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.awsErrorDetails().errorCode()).isNotEqualTo("UserNotFoundException");
        }
    }
}
