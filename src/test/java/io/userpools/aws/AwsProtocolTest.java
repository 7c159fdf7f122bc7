package io.userpools.aws;

import static io.restassured.RestAssured.given;
import static io.userpools.aws.AwsClients.attributes;
import static io.userpools.aws.AwsClients.awsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.parsing.Parser;
import io.restassured.response.ValidatableResponse;
import io.userpools.support.Auth;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UnsupportedOperationException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * The AWS JSON 1.1 endpoint driven by the AWS SDK for Java v2, as users call Cognito: success
 * shapes, Cognito's error codes (all HTTP 400), and the SigV4 failures, some of them signed by
 * hand with the SDK's own signer.
 */
@QuarkusTest
class AwsProtocolTest extends AwsSdkTest {

    static final String TARGET = "AWSCognitoIdentityProviderService.";
    static final String MEDIA = "application/x-amz-json-1.1";

    CognitoIdentityProviderClient client(String keyId, String secret, Region region) {
        return AwsClients.client(root, keyId, secret, region);
    }

    String newPool() {
        return AwsClients.newPool(cognito);
    }

    @Test
    void poolAndClientShapes() {
        Instant before = Instant.now().minusSeconds(2);
        UserPoolType pool = cognito.createUserPool(r -> r.poolName("shapes").usernameAttributesWithStrings("email"))
                .userPool();
        assertThat(pool.id()).startsWith("us-east-1_");
        assertThat(pool.name()).isEqualTo("shapes");
        assertThat(pool.creationDate()).isAfter(before).isBefore(Instant.now().plusSeconds(2));
        assertThat(pool.usernameAttributesAsStrings()).containsExactly("email");

        UserPoolType described = cognito.describeUserPool(r -> r.userPoolId(pool.id())).userPool();
        assertThat(described.id()).isEqualTo(pool.id());
        assertThat(described.creationDate()).isEqualTo(pool.creationDate());

        UserPoolClientType client = cognito.createUserPoolClient(r -> r.userPoolId(pool.id()).clientName("web")
                .generateSecret(true).explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                        ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)).userPoolClient();
        assertThat(client.clientId()).isNotBlank();
        assertThat(client.clientSecret()).isNotBlank();
        assertThat(client.userPoolId()).isEqualTo(pool.id());
        assertThat(client.explicitAuthFlows()).contains(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH);

        assertThatThrownBy(() -> cognito.describeUserPool(r -> r.userPoolId("us-east-1_nothere1")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    @Test
    void adminUserLifecycle() {
        String pool = newPool();
        UserType created = cognito.adminCreateUser(r -> r.userPoolId(pool).username("alice")
                .temporaryPassword("Temp#Pass1word").messageAction(MessageActionType.SUPPRESS)
                .userAttributes(AttributeType.builder().name("given_name").value("Alice").build())).user();
        assertThat(created.username()).isEqualTo("alice");
        assertThat(created.userStatus()).isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
        assertThat(created.enabled()).isTrue();
        assertThat(attributes(created.attributes())).containsEntry("given_name", "Alice").containsKey("sub");

        cognito.adminUpdateUserAttributes(r -> r.userPoolId(pool).username("alice")
                .userAttributes(AttributeType.builder().name("family_name").value("Liddell").build()));
        AdminGetUserResponse got = cognito.adminGetUser(r -> r.userPoolId(pool).username("alice"));
        assertThat(attributes(got.userAttributes())).containsEntry("family_name", "Liddell")
                .containsEntry("given_name", "Alice");
        assertThat(got.userCreateDate()).isEqualTo(created.userCreateDate());
        assertThat(got.userLastModifiedDate()).isAfterOrEqualTo(created.userLastModifiedDate());

        cognito.adminDeleteUserAttributes(r -> r.userPoolId(pool).username("alice")
                .userAttributeNames("family_name"));
        assertThat(attributes(cognito.adminGetUser(r -> r.userPoolId(pool).username("alice")).userAttributes()))
                .doesNotContainKey("family_name");

        cognito.adminDeleteUser(r -> r.userPoolId(pool).username("alice"));
        assertThatThrownBy(() -> cognito.adminGetUser(r -> r.userPoolId(pool).username("alice")))
                .isInstanceOfSatisfying(UserNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User does not exist.");
                    assertThat(e.requestId()).isNotBlank();
                });
    }

    @Test
    void adminErrorsAreCognitos() {
        String pool = newPool();
        cognito.adminCreateUser(r -> r.userPoolId(pool).username("bob").messageAction(MessageActionType.SUPPRESS));
        assertThatThrownBy(() -> cognito.adminUpdateUserAttributes(r -> r.userPoolId(pool).username("nobody")
                .userAttributes(AttributeType.builder().name("given_name").value("X").build())))
                .isInstanceOf(UserNotFoundException.class);
        assertThatThrownBy(() -> cognito.adminUpdateUserAttributes(r -> r.userPoolId(pool).username("bob")
                .userAttributes(AttributeType.builder().name("custom:nothere").value("X").build())))
                .isInstanceOfSatisfying(InvalidParameterException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> cognito.adminCreateUser(r -> r.userPoolId(pool).username("bob")
                .messageAction(MessageActionType.SUPPRESS)))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UsernameExistsException"));
        assertThatThrownBy(() -> cognito.adminGetUser(r -> r.userPoolId("us-east-1_nothere1").username("bob")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void validationErrorsNameTheAwsMemberPath() {
        String pool = newPool();
        cognito.adminCreateUser(r -> r.userPoolId(pool).username("carol").messageAction(MessageActionType.SUPPRESS));
        String longValue = "x".repeat(2049);
        assertThatThrownBy(() -> cognito.adminUpdateUserAttributes(r -> r.userPoolId(pool).username("carol")
                .userAttributes(AttributeType.builder().name("given_name").value("ok").build(),
                        AttributeType.builder().name("family_name").value(longValue).build())))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value at "
                                + "'userAttributes.2.member.value' failed to satisfy constraint: Member must have "
                                + "length less than or equal to 2048"));
        assertThatThrownBy(() -> cognito.adminGetUser(r -> r.userPoolId("not a pool").username("carol")))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value "
                                + "'not a pool' at 'userPoolId' failed to satisfy constraint: Member must satisfy "
                                + "regular expression pattern: [\\w-]+_[0-9a-zA-Z]+"));
    }

    @Test
    void signInAndSelfServiceByAccessToken() {
        String pool = newPool();
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("app")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                        ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)).userPoolClient().clientId();
        String username = Auth.confirmedUser(pool, "dave", Map.of("given_name", "Dave"));

        AuthenticationResultType auth = cognito.initiateAuth(r -> r.clientId(clientId)
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", Auth.PASSWORD))).authenticationResult();
        assertThat(auth.accessToken()).isNotBlank();
        assertThat(auth.idToken()).isNotBlank();
        assertThat(auth.refreshToken()).isNotBlank();
        assertThat(auth.tokenType()).isEqualTo("Bearer");
        assertThat(auth.expiresIn()).isPositive();

        GetUserResponse me = cognito.getUser(r -> r.accessToken(auth.accessToken()));
        assertThat(me.username()).isEqualTo(username);
        assertThat(attributes(me.userAttributes())).containsEntry("given_name", "Dave");

        cognito.updateUserAttributes(r -> r.accessToken(auth.accessToken())
                .userAttributes(AttributeType.builder().name("given_name").value("David").build()));
        assertThat(attributes(cognito.getUser(r -> r.accessToken(auth.accessToken())).userAttributes()))
                .containsEntry("given_name", "David");

        AuthenticationResultType refreshed = cognito.initiateAuth(r -> r.clientId(clientId)
                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", auth.refreshToken()))).authenticationResult();
        assertThat(refreshed.accessToken()).isNotBlank();

        assertThatThrownBy(() -> cognito.initiateAuth(r -> r.clientId(clientId)
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", "Wrong#Pass1"))))
                .isInstanceOfSatisfying(NotAuthorizedException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> cognito.getUser(r -> r.accessToken("not.a.token")))
                .isInstanceOfSatisfying(NotAuthorizedException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    @Test
    void unsignedOperationsIgnoreAnySignature() {
        // a client with unknown credentials still signs GetUser; the token decides, not the signature
        try (CognitoIdentityProviderClient stranger = client("nobody", "nothing", Region.EU_WEST_1)) {
            assertThatThrownBy(() -> stranger.getUser(r -> r.accessToken("not.a.token")))
                    .isInstanceOf(NotAuthorizedException.class);
        }
    }

    @Test
    void operationsUserpoolsLacksAreNamed() {
        assertThatThrownBy(() -> cognito.adminListGroupsForUser(r -> r.userPoolId("us-east-1_abc").username("x")))
                .isInstanceOfSatisfying(UnsupportedOperationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("AdminListGroupsForUser");
                });
    }

    // ---- the signature

    @Test
    void wrongSecretIsInvalidSignature() {
        try (CognitoIdentityProviderClient wrong = client("test", "not-the-secret", Region.US_EAST_1)) {
            AwsServiceException e = awsError(() -> wrong.describeUserPool(r -> r.userPoolId("us-east-1_abc")));
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(e.awsErrorDetails().errorMessage()).startsWith("The request signature we calculated");
        }
    }

    @Test
    void unknownKeyIdIsUnrecognizedClient() {
        try (CognitoIdentityProviderClient unknown = client("AKIDUNKNOWN", "test-admin-secret", Region.US_EAST_1)) {
            AwsServiceException e = awsError(() -> unknown.createUserPool(r -> r.poolName("never")));
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
            assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("The security token included in the request is invalid.");
        }
    }

    /**
     * A metrics key (userpools.metrics.keys) is no admin key: signed with its id and secret, a call
     * is refused exactly as one signed with an unknown key id.
     */
    @Test
    void aMetricsKeyIsAnUnknownKeyHere() {
        for (String[] key : new String[][] {{"scraper", "test-metrics-secret"}, {"scraper-next", "next-metrics-secret"}}) {
            try (CognitoIdentityProviderClient scraper = client(key[0], key[1], Region.US_EAST_1)) {
                AwsServiceException e = awsError(() -> scraper.listUserPools(r -> r.maxResults(1)));
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("The security token included in the request is invalid.");
            }
        }
    }

    @Test
    void otherRegionInScopeIsRefused() {
        try (CognitoIdentityProviderClient elsewhere = client("test", "test-admin-secret", Region.EU_WEST_1)) {
            AwsServiceException e = awsError(() -> elsewhere.createUserPool(r -> r.poolName("never")));
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Credential should be scoped to a valid region.");
        }
    }

    @Test
    void otherServiceInScopeIsRefused() {
        String body = "{\"PoolName\":\"never\"}";
        signed("CreateUserPool", body, body, "cognito-identity", "us-east-1", Clock.systemUTC())
                .statusCode(400).header("x-amzn-ErrorType", equalTo("InvalidSignatureException"))
                .body("message", equalTo("Credential should be scoped to correct service: 'cognito-idp'."));
    }

    @Test
    void skewedClockIsSignatureExpired() {
        String body = "{\"PoolName\":\"never\"}";
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofMinutes(16)), ZoneOffset.UTC);
        signed("CreateUserPool", body, body, "cognito-idp", "us-east-1", past)
                .statusCode(400).body("__type", equalTo("InvalidSignatureException"))
                .body("message", org.hamcrest.Matchers.startsWith("Signature expired: "));
        Clock recent = Clock.fixed(Instant.now().minus(Duration.ofMinutes(14)), ZoneOffset.UTC);
        signed("DescribeUserPool", "{\"UserPoolId\":\"us-east-1_nothere1\"}",
                "{\"UserPoolId\":\"us-east-1_nothere1\"}", "cognito-idp", "us-east-1", recent)
                .statusCode(400).body("__type", equalTo("ResourceNotFoundException"));
    }

    @Test
    void tamperedBodyIsInvalidSignature() {
        signed("CreateUserPool", "{\"PoolName\":\"one\"}", "{\"PoolName\":\"two\"}", "cognito-idp", "us-east-1",
                Clock.systemUTC())
                .statusCode(400).body("__type", equalTo("InvalidSignatureException"));
    }

    @Test
    void unsignedAdminCallIsMissingAuthenticationToken() {
        raw("AdminGetUser", "{\"UserPoolId\":\"us-east-1_abc\",\"Username\":\"x\"}")
                .statusCode(400)
                .header("x-amzn-ErrorType", equalTo("MissingAuthenticationTokenException"))
                .body("__type", equalTo("MissingAuthenticationTokenException"))
                .body("message", equalTo("Request is missing Authentication Token"));
        // the REST facade's admin key is no credential here
        given().header("X-Amz-Target", TARGET + "CreateUserPool").header("Authorization", "Bearer test-admin-secret")
                .contentType(MEDIA).body("{\"PoolName\":\"never\"}".getBytes(StandardCharsets.UTF_8)).post("/")
                .then().parser(MEDIA, Parser.JSON).statusCode(400)
                .body("__type", equalTo("IncompleteSignatureException"));
    }

    // ---- the request layer

    @Test
    void requestLayerErrors() {
        raw("GetUser", "{not json").statusCode(400).body("__type", equalTo("SerializationException"));
        raw("GetUser", "{\"AccessToken\": 5}").statusCode(400).body("__type", equalTo("SerializationException"));
        given().contentType(MEDIA).body("{}".getBytes(StandardCharsets.UTF_8)).post("/")
                .then().parser(MEDIA, Parser.JSON).statusCode(400)
                .header("x-amzn-ErrorType", equalTo("UnknownOperationException"))
                .header("x-amzn-RequestId", notNullValue());
        raw("NoSuchOperation", "{}").statusCode(400).body("__type", equalTo("UnknownOperationException"));
        given().header("X-Amz-Target", "OtherService.GetUser").contentType(MEDIA).body("{}".getBytes(StandardCharsets.UTF_8)).post("/")
                .then().parser(MEDIA, Parser.JSON).statusCode(400).body("__type", equalTo("UnknownOperationException"));
        raw("AdminListGroupsForUser", "{}").statusCode(400)
                .body("__type", equalTo("UnsupportedOperationException"))
                .body("message", org.hamcrest.Matchers.containsString("AdminListGroupsForUser"));
    }

    @Test
    void successAnswersCarryTheProtocolHeaders() {
        raw("GetUser", "{\"AccessToken\":\"x\"}").statusCode(400)
                .header("x-amzn-RequestId", notNullValue())
                .header("Content-Type", org.hamcrest.Matchers.startsWith(MEDIA))
                .body("__type", equalTo("NotAuthorizedException"))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("Message")));
        String body = "{\"PoolName\":\"headers\"}";
        signed("CreateUserPool", body, body, "cognito-idp", "us-east-1", Clock.systemUTC())
                .statusCode(200).header("x-amzn-RequestId", notNullValue())
                .header("Content-Type", org.hamcrest.Matchers.startsWith(MEDIA))
                .body("UserPool.CreationDate", org.hamcrest.Matchers.instanceOf(Number.class));
    }

    ValidatableResponse raw(String operation, String body) {
        return given().header("X-Amz-Target", TARGET + operation).contentType(MEDIA)
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/").then().parser(MEDIA, Parser.JSON);
    }

    /** Signs {@code signedBody} with the SDK's signer for the given scope and clock, then sends {@code sentBody}. */
    ValidatableResponse signed(String operation, String signedBody, String sentBody, String service, String region,
            Clock clock) {
        // Content-Type stays unsigned: REST Assured adds a charset to it
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(root)
                .putHeader("X-Amz-Target", TARGET + operation).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create("test", "test-admin-secret"))
                .request(request)
                .payload(ContentStreamProvider.fromUtf8String(signedBody))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock));
        var spec = given().contentType(MEDIA).body(sentBody.getBytes(StandardCharsets.UTF_8));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Type")) {
                spec.header(name, values.get(0));
            }
        });
        return spec.post("/").then().parser(MEDIA, Parser.JSON);
    }
}
