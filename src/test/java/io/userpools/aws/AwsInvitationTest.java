package io.userpools.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.userpools.support.Mailbox;
import io.userpools.support.Outbox;
import java.net.URI;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UnsupportedUserStateException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * AdminCreateUser's invitation through the AWS endpoint with the AWS SDK for Java v2:
 * DesiredDeliveryMediums and MessageAction reach the same domain command as the REST body.
 */
@QuarkusTest
class AwsInvitationTest {

    private static final Pattern TEXT = Pattern.compile("Your username is (\\S+) and temporary password is (.+)\\.");

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

    private static AttributeType email(String address) {
        return AttributeType.builder().name("email").value(address).build();
    }

    private static String passwordIn(String text) {
        Matcher m = TEXT.matcher(text);
        assertThat(m.matches()).as(text).isTrue();
        return m.group(2);
    }

    @Test
    void desiredDeliveryMediumsAndResendReachTheInvitation() {
        String pool = cognito.createUserPool(r -> r.poolName("aws invites")).userPool().id();
        String address = "zoe-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        assertThat(cognito.adminCreateUser(r -> r.userPoolId(pool).username("zoe").userAttributes(email(address))
                .desiredDeliveryMediums(DeliveryMediumType.EMAIL)).user().userStatus())
                .isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
        String first = passwordIn(Mailbox.await(address, 1).body());

        cognito.adminCreateUser(r -> r.userPoolId(pool).username("zoe").messageAction(MessageActionType.RESEND)
                .desiredDeliveryMediums(DeliveryMediumType.EMAIL));
        assertThat(passwordIn(Mailbox.await(address, 2).body())).isNotEqualTo(first);

        assertThatThrownBy(() -> cognito.adminCreateUser(r -> r.userPoolId(pool).username("nobody")
                .messageAction(MessageActionType.RESEND)))
                .isInstanceOfSatisfying(UserNotFoundException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User does not exist."));
        assertThatThrownBy(() -> cognito.adminCreateUser(r -> r.userPoolId(pool).username("yan")
                .desiredDeliveryMediums(DeliveryMediumType.SMS)))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage())
                        .isEqualTo("No phone number provided but desired delivery medium was SMS"));
    }

    @Test
    void suppressSendsNothingAndResendNeedsForceChangePassword() {
        String pool = cognito.createUserPool(r -> r.poolName("aws invites")).userPool().id();
        String address = "xia-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        cognito.adminCreateUser(r -> r.userPoolId(pool).username("xia").userAttributes(email(address))
                .temporaryPassword("Temp#Pass1word").messageAction(MessageActionType.SUPPRESS)
                .desiredDeliveryMediums(DeliveryMediumType.SMS));
        Outbox.assertNothingSent(pool, address);
        io.userpools.support.Auth.setPassword(pool, "xia", "Perm#Pass1word", true); // REST: not on AWS yet
        assertThatThrownBy(() -> cognito.adminCreateUser(r -> r.userPoolId(pool).username("xia")
                .messageAction(MessageActionType.RESEND)))
                .isInstanceOfSatisfying(UnsupportedUserStateException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Resend not possible. xia status is not FORCE_CHANGE_PASSWORD");
                });
    }
}
