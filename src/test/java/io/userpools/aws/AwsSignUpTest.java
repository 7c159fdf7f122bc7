package io.userpools.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.userpools.support.Mailbox;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AliasAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResendConfirmationCodeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SignUpResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

/**
 * SignUp, ConfirmSignUp and ResendConfirmationCode (unsigned: an SDK client without credentials)
 * and AdminConfirmSignUp (signed) through the AWS SDK for Java v2, with the code read from the mail.
 */
@QuarkusTest
class AwsSignUpTest {

    @TestHTTPResource("/")
    URI root;

    CognitoIdentityProviderClient admin;
    CognitoIdentityProviderClient anonymous;

    @BeforeEach
    void clients() {
        admin = builder().credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create("test", "test-admin-secret"))).build();
        anonymous = builder().credentialsProvider(AnonymousCredentialsProvider.create()).build();
    }

    private software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder builder() {
        return CognitoIdentityProviderClient.builder().endpointOverride(root).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()));
    }

    @AfterEach
    void close() {
        admin.close();
        anonymous.close();
    }

    static <T extends AwsServiceException> T failure(Class<T> type, Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            assertThat(e).isInstanceOf(type);
            return type.cast(e);
        }
        throw new AssertionError("expected " + type.getSimpleName());
    }

    String poolId;
    String clientId;

    void emailPool() {
        poolId = admin.createUserPool(r -> r.poolName("aws sign-up").aliasAttributes(AliasAttributeType.EMAIL)
                .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)).userPool().id();
        clientId = admin.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")
                .explicitAuthFlows(software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType
                        .ALLOW_USER_PASSWORD_AUTH)).userPoolClient().clientId();
    }

    static String email() {
        return "aws-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    @Test
    void signUpResendAndConfirmWithTheMailedCode() {
        emailPool();
        String address = email();
        SignUpResponse signedUp = anonymous.signUp(r -> r.clientId(clientId).username("zoe").password("Corr3ct#Horse")
                .userAttributes(AttributeType.builder().name("email").value(address).build()));
        assertThat(signedUp.userConfirmed()).isFalse();
        assertThat(signedUp.userSub()).hasSize(36);
        assertThat(signedUp.codeDeliveryDetails().deliveryMedium()).isEqualTo(DeliveryMediumType.EMAIL);
        assertThat(signedUp.codeDeliveryDetails().attributeName()).isEqualTo("email");
        Mailbox.await(address, 1);
        assertThat(admin.adminGetUser(r -> r.userPoolId(poolId).username("zoe")).userStatus())
                .isEqualTo(UserStatusType.UNCONFIRMED);

        ResendConfirmationCodeResponse resent = anonymous.resendConfirmationCode(r -> r.clientId(clientId)
                .username("zoe"));
        assertThat(resent.codeDeliveryDetails().destination()).isEqualTo("a***@e***");
        String code = Mailbox.await(address, 2).code();
        String wrong = code.equals("000000") ? "111111" : "000000";
        CodeMismatchException mismatch = failure(CodeMismatchException.class,
                () -> anonymous.confirmSignUp(r -> r.clientId(clientId).username("zoe").confirmationCode(wrong)));
        assertThat(mismatch.awsErrorDetails().errorMessage())
                .isEqualTo("Invalid verification code provided, please try again.");
        anonymous.confirmSignUp(r -> r.clientId(clientId).username("zoe").confirmationCode(code));
        var user = admin.adminGetUser(r -> r.userPoolId(poolId).username("zoe"));
        assertThat(user.userStatus()).isEqualTo(UserStatusType.CONFIRMED);
        assertThat(user.userAttributes()).contains(AttributeType.builder().name("email_verified").value("true").build());

        NotAuthorizedException again = failure(NotAuthorizedException.class,
                () -> anonymous.confirmSignUp(r -> r.clientId(clientId).username("zoe").confirmationCode(code)));
        assertThat(again.awsErrorDetails().errorMessage())
                .isEqualTo("User cannot be confirmed. Current status is CONFIRMED");
        InvalidParameterException confirmed = failure(InvalidParameterException.class,
                () -> anonymous.resendConfirmationCode(r -> r.clientId(clientId).username("zoe")));
        assertThat(confirmed.awsErrorDetails().errorMessage()).isEqualTo("User is already confirmed.");
        UsernameExistsException exists = failure(UsernameExistsException.class, () -> anonymous.signUp(r ->
                r.clientId(clientId).username("zoe").password("Corr3ct#Horse")));
        assertThat(exists.awsErrorDetails().errorMessage()).isEqualTo("User already exists");
    }

    @Test
    void validationDataIsShapeCheckedThenIgnored() {
        emailPool();
        SignUpResponse signedUp = anonymous.signUp(r -> r.clientId(clientId).username("vic").password("Corr3ct#Horse")
                .userAttributes(AttributeType.builder().name("email").value(email()).build())
                .validationData(AttributeType.builder().name("captcha").value("token-1").build()));
        assertThat(signedUp.userConfirmed()).isFalse();
        assertThat(admin.adminGetUser(r -> r.userPoolId(poolId).username("vic")).userAttributes())
                .extracting(AttributeType::name).doesNotContain("captcha");
        InvalidParameterException tooLong = failure(InvalidParameterException.class,
                () -> anonymous.signUp(r -> r.clientId(clientId).username("vin").password("Corr3ct#Horse")
                        .validationData(AttributeType.builder().name("x".repeat(33)).value("v").build())));
        assertThat(tooLong.awsErrorDetails().errorMessage()).contains("validationData");
        assertThat(failure(UserNotFoundException.class,
                () -> admin.adminGetUser(r -> r.userPoolId(poolId).username("vin")))).isNotNull();
    }

    @Test
    void signUpErrorsAndAdminConfirmSignUp() {
        emailPool();
        InvalidParameterException noPassword = failure(InvalidParameterException.class,
                () -> anonymous.signUp(r -> r.clientId(clientId).username("yan")));
        assertThat(noPassword.awsErrorDetails().errorMessage()).isEqualTo("Missing required parameter PASSWORD");
        failure(software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException.class,
                () -> anonymous.signUp(r -> r.clientId("nosuchclient1").username("yan").password("Corr3ct#Horse")));
        UserNotFoundException unknown = failure(UserNotFoundException.class,
                () -> anonymous.resendConfirmationCode(r -> r.clientId(clientId).username("ghost")));
        assertThat(unknown.awsErrorDetails().errorMessage()).isEqualTo("Username/client id combination not found.");
        failure(UserNotFoundException.class,
                () -> anonymous.confirmSignUp(r -> r.clientId(clientId).username("ghost").confirmationCode("1")));

        anonymous.signUp(r -> r.clientId(clientId).username("yan").password("Corr3ct#Horse"));
        admin.adminConfirmSignUp(r -> r.userPoolId(poolId).username("yan"));
        assertThat(admin.adminGetUser(r -> r.userPoolId(poolId).username("yan")).userStatus())
                .isEqualTo(UserStatusType.CONFIRMED);
        NotAuthorizedException twice = failure(NotAuthorizedException.class,
                () -> admin.adminConfirmSignUp(r -> r.userPoolId(poolId).username("yan")));
        assertThat(twice.awsErrorDetails().errorMessage())
                .isEqualTo("User cannot be confirmed. Current status is CONFIRMED");
        failure(UserNotFoundException.class, () -> admin.adminConfirmSignUp(r -> r.userPoolId(poolId).username("no")));
        // AdminConfirmSignUp is signed: an anonymous caller is refused
        AwsServiceException unsigned = failure(AwsServiceException.class,
                () -> anonymous.adminConfirmSignUp(r -> r.userPoolId(poolId).username("yan")));
        assertThat(unsigned.awsErrorDetails().errorCode()).isEqualTo("MissingAuthenticationTokenException");
    }
}
