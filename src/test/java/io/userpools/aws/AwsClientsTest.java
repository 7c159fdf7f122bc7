package io.userpools.aws;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.userpools.support.Auth;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolClientRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUserPoolClientsResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TimeUnitsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientDescription;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

/**
 * The app client operations of the AWS endpoint through the AWS SDK for Java v2: the whole
 * UserPoolClientType, pages of UserPoolClientDescription, Cognito's reset-to-default update, a
 * deleted client's tokens, and each operation's errors (all HTTP 400).
 */
@QuarkusTest
class AwsClientsTest {

    @TestHTTPResource("/")
    URI root;

    CognitoIdentityProviderClient cognito;

    @BeforeEach
    void client() {
        cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(root)
                .region(Region.US_EAST_1)
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

    String newPool() {
        return cognito.createUserPool(r -> r.poolName("clients")).userPool().id();
    }

    UserPoolClientType create(String pool, Consumer<CreateUserPoolClientRequest.Builder> more) {
        return cognito.createUserPoolClient(r -> {
            r.userPoolId(pool).clientName("web");
            more.accept(r);
        }).userPoolClient();
    }

    static void assertInvalid(Runnable call, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidParameterException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
        });
    }

    static void assertNotFound(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    // ---- CreateUserPoolClient and DescribeUserPoolClient

    @Test
    void createUserPoolClientAnswersTheWholeUserPoolClientType() {
        String pool = newPool();
        Instant before = Instant.now().minusSeconds(2);
        UserPoolClientType client = create(pool, r -> r.generateSecret(true)
                .readAttributes("email", "name").writeAttributes("name")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                        ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                .accessTokenValidity(30).idTokenValidity(2).refreshTokenValidity(7)
                .tokenValidityUnits(u -> u.accessToken(TimeUnitsType.MINUTES).idToken(TimeUnitsType.HOURS)
                        .refreshToken(TimeUnitsType.DAYS))
                .preventUserExistenceErrors(PreventUserExistenceErrorTypes.ENABLED)
                .enableTokenRevocation(true).enablePropagateAdditionalUserContextData(false)
                .authSessionValidity(3).supportedIdentityProviders("COGNITO")
                .allowedOAuthFlowsUserPoolClient(false).callbackURLs(List.of()));
        assertThat(client.userPoolId()).isEqualTo(pool);
        assertThat(client.clientName()).isEqualTo("web");
        assertThat(client.clientId()).matches("[a-z0-9]{26}");
        assertThat(client.clientSecret()).matches("[a-z0-9]{51}");
        assertThat(client.creationDate()).isAfter(before).isEqualTo(client.lastModifiedDate());
        assertThat(client.accessTokenValidity()).isEqualTo(30);
        assertThat(client.idTokenValidity()).isEqualTo(2);
        assertThat(client.refreshTokenValidity()).isEqualTo(7);
        assertThat(client.tokenValidityUnits().accessToken()).isEqualTo(TimeUnitsType.MINUTES);
        assertThat(client.tokenValidityUnits().idToken()).isEqualTo(TimeUnitsType.HOURS);
        assertThat(client.tokenValidityUnits().refreshToken()).isEqualTo(TimeUnitsType.DAYS);
        assertThat(client.readAttributes()).containsExactlyInAnyOrder("sub", "email", "name");
        assertThat(client.writeAttributes()).containsExactly("name");
        assertThat(client.explicitAuthFlows()).containsExactly(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH);
        assertThat(client.preventUserExistenceErrors()).isEqualTo(PreventUserExistenceErrorTypes.ENABLED);
        assertThat(client.enableTokenRevocation()).isTrue();
        assertThat(client.enablePropagateAdditionalUserContextData()).isFalse();
        assertThat(client.authSessionValidity()).isEqualTo(3);
        assertThat(client.supportedIdentityProviders()).containsExactly("COGNITO");
        assertThat(client.allowedOAuthFlowsUserPoolClient()).isFalse();

        UserPoolClientType described = cognito.describeUserPoolClient(r -> r.userPoolId(pool)
                .clientId(client.clientId())).userPoolClient();
        assertThat(described.clientSecret()).as("as in Cognito, Describe answers the secret").isEqualTo(
                client.clientSecret());
        assertThat(described).isEqualTo(client);
    }

    @Test
    void omittedSettingsTakeCognitosDefaults() {
        String pool = newPool();
        UserPoolClientType client = create(pool, r -> { });
        assertThat(client.clientSecret()).isNull();
        assertThat(client.explicitAuthFlows()).containsExactly(ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH,
                ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH, ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH);
        assertThat(client.accessTokenValidity()).isEqualTo(1);
        assertThat(client.idTokenValidity()).isEqualTo(1);
        assertThat(client.refreshTokenValidity()).isEqualTo(30);
        assertThat(client.tokenValidityUnits().accessToken()).isEqualTo(TimeUnitsType.HOURS);
        assertThat(client.tokenValidityUnits().refreshToken()).isEqualTo(TimeUnitsType.DAYS);
        assertThat(client.preventUserExistenceErrors()).isEqualTo(PreventUserExistenceErrorTypes.LEGACY);
        assertThat(client.readAttributes()).contains("sub", "email", "email_verified");
        assertThat(client.writeAttributes()).contains("email").doesNotContain("sub", "email_verified");
        assertThat(client.supportedIdentityProviders()).isEmpty();
        // RefreshTokenValidity 0 is Cognito's "the default"
        assertThat(create(pool, r -> r.refreshTokenValidity(0)).refreshTokenValidity()).isEqualTo(30);
    }

    @Test
    void createUserPoolClientRefusesWhatUserpoolsCannotHonour() {
        String pool = newPool();
        assertInvalid(() -> create(pool, r -> r.enableTokenRevocation(false)), "EnableTokenRevocation");
        assertInvalid(() -> create(pool, r -> r.enablePropagateAdditionalUserContextData(true)),
                "EnablePropagateAdditionalUserContextData");
        assertInvalid(() -> create(pool, r -> r.authSessionValidity(10)), "AuthSessionValidity must be 3");
        assertInvalid(() -> create(pool, r -> r.supportedIdentityProviders("Google")), "SupportedIdentityProviders");
        assertInvalid(() -> create(pool, r -> r.callbackURLs("https://app.example.com/cb")),
                "CallbackURLs is not supported: Userpools has no OAuth 2.0 authorization server");
        assertInvalid(() -> create(pool, r -> r.logoutURLs("https://app.example.com/out")), "LogoutURLs");
        assertInvalid(() -> create(pool, r -> r.defaultRedirectURI("https://app.example.com/cb")),
                "DefaultRedirectURI");
        assertInvalid(() -> create(pool, r -> r.allowedOAuthFlows(OAuthFlowType.CODE)), "AllowedOAuthFlows");
        assertInvalid(() -> create(pool, r -> r.allowedOAuthScopes("openid")), "AllowedOAuthScopes");
        assertInvalid(() -> create(pool, r -> r.allowedOAuthFlowsUserPoolClient(true)),
                "AllowedOAuthFlowsUserPoolClient");
        assertInvalid(() -> create(pool, r -> r.analyticsConfiguration(a -> a.applicationId("abc123"))),
                "AnalyticsConfiguration");
        assertThat(cognito.listUserPoolClients(r -> r.userPoolId(pool)).userPoolClients())
                .as("nothing refused was created").isEmpty();
    }

    @Test
    void createUserPoolClientValidatesShapesAndRules() {
        String pool = newPool();
        assertInvalid(() -> create(pool, r -> r.accessTokenValidity(0)),
                "Value '0' at 'accessTokenValidity' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1");
        assertInvalid(() -> create(pool, r -> r.idTokenValidity(86_401)),
                "Member must have value less than or equal to 86400");
        assertInvalid(() -> create(pool, r -> r.authSessionValidity(2)),
                "at 'authSessionValidity' failed to satisfy constraint");
        assertInvalid(() -> create(pool, r -> r.accessTokenValidity(2).tokenValidityUnits(u -> u.accessToken(
                TimeUnitsType.DAYS))), "Invalid range for token validity.");
        assertInvalid(() -> create(pool, r -> r.writeAttributes("sub")),
                "Invalid write attributes specified while creating a client");
        assertInvalid(() -> create(pool, r -> r.readAttributes("custom:nope")),
                "Invalid read attributes specified while creating a client");
        assertInvalid(() -> create(pool, r -> r.clientName("bad/name")), "at 'clientName' failed to satisfy");
        assertInvalid(() -> create(pool, r -> r.explicitAuthFlowsWithStrings("USER_PASSWORD")),
                "Member must satisfy enum value set");
        assertNotFound(() -> create("us-east-1_nope12345", r -> { }), "User pool us-east-1_nope12345 does not exist.");
    }

    @Test
    void describeUserPoolClientErrors() {
        String pool = newPool();
        String foreign = create(newPool(), r -> { }).clientId();
        assertNotFound(() -> cognito.describeUserPoolClient(r -> r.userPoolId(pool).clientId(foreign)),
                "User pool client " + foreign + " does not exist.");
        assertNotFound(() -> cognito.describeUserPoolClient(r -> r.userPoolId("us-east-1_nope12345")
                .clientId(foreign)), "User pool us-east-1_nope12345 does not exist.");
        assertInvalid(() -> cognito.describeUserPoolClient(r -> r.userPoolId(pool).clientId("bad id")),
                "Value at 'clientId' failed to satisfy constraint");
        assertInvalid(() -> cognito.describeUserPoolClient(r -> r.userPoolId(pool)),
                "Value null at 'clientId' failed to satisfy constraint: Member must not be null");
    }

    // ---- ListUserPoolClients

    @Test
    void listUserPoolClientsPagesDescriptions() {
        String pool = newPool();
        List<String> ids = List.of(create(pool, r -> r.clientName("a").generateSecret(true)).clientId(),
                create(pool, r -> r.clientName("b")).clientId(), create(pool, r -> r.clientName("c")).clientId());
        create(newPool(), r -> { });
        ListUserPoolClientsResponse first = cognito.listUserPoolClients(r -> r.userPoolId(pool).maxResults(2));
        assertThat(first.userPoolClients()).extracting(UserPoolClientDescription::clientId)
                .containsExactly(ids.get(0), ids.get(1));
        assertThat(first.userPoolClients()).extracting(UserPoolClientDescription::clientName)
                .containsExactly("a", "b");
        assertThat(first.userPoolClients()).extracting(UserPoolClientDescription::userPoolId).containsOnly(pool);
        assertThat(first.nextToken()).isNotBlank();
        ListUserPoolClientsResponse second = cognito.listUserPoolClients(r -> r.userPoolId(pool).maxResults(2)
                .nextToken(first.nextToken()));
        assertThat(second.userPoolClients()).extracting(UserPoolClientDescription::clientId)
                .containsExactly(ids.get(2));
        assertThat(second.nextToken()).isNull();
        assertThat(cognito.listUserPoolClientsPaginator(r -> r.userPoolId(pool).maxResults(1)).userPoolClients()
                .stream().map(UserPoolClientDescription::clientId).toList()).isEqualTo(ids);
    }

    @Test
    void listUserPoolClientsErrors() {
        String pool = newPool();
        create(pool, r -> { });
        create(pool, r -> { });
        assertInvalid(() -> cognito.listUserPoolClients(r -> r.userPoolId(pool).maxResults(61)),
                "Value '61' at 'maxResults' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 60");
        assertInvalid(() -> cognito.listUserPoolClients(r -> r.userPoolId(pool).maxResults(0)),
                "Member must have value greater than or equal to 1");
        assertInvalid(() -> cognito.listUserPoolClients(r -> r.userPoolId(pool).nextToken("forged")),
                "Invalid pagination token");
        String other = newPool();
        create(other, r -> { });
        create(other, r -> { });
        String foreign = cognito.listUserPoolClients(r -> r.userPoolId(other).maxResults(1)).nextToken();
        assertInvalid(() -> cognito.listUserPoolClients(r -> r.userPoolId(pool).nextToken(foreign)),
                "Invalid pagination token");
        assertNotFound(() -> cognito.listUserPoolClients(r -> r.userPoolId("us-east-1_nope12345")),
                "User pool us-east-1_nope12345 does not exist.");
    }

    // ---- UpdateUserPoolClient

    @Test
    void updateUserPoolClientResetsOmittedSettingsAndKeepsTheSecret() {
        String pool = newPool();
        UserPoolClientType created = create(pool, r -> r.generateSecret(true).readAttributes("email")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH)
                .accessTokenValidity(10).tokenValidityUnits(u -> u.accessToken(TimeUnitsType.MINUTES))
                .preventUserExistenceErrors(PreventUserExistenceErrorTypes.ENABLED));
        UserPoolClientType updated = cognito.updateUserPoolClient(r -> r.userPoolId(pool)
                .clientId(created.clientId()).idTokenValidity(15)
                .tokenValidityUnits(u -> u.idToken(TimeUnitsType.MINUTES))).userPoolClient();
        assertThat(updated.clientName()).as("a left-out name is kept").isEqualTo("web");
        assertThat(updated.clientSecret()).as("the secret is kept, and answered as Cognito does")
                .isEqualTo(created.clientSecret());
        assertThat(updated.explicitAuthFlows()).containsExactly(ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH,
                ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH, ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH);
        assertThat(updated.readAttributes()).contains("email_verified", "name");
        assertThat(updated.accessTokenValidity()).isEqualTo(1);
        assertThat(updated.tokenValidityUnits().accessToken()).isEqualTo(TimeUnitsType.HOURS);
        assertThat(updated.idTokenValidity()).isEqualTo(15);
        assertThat(updated.tokenValidityUnits().idToken()).isEqualTo(TimeUnitsType.MINUTES);
        assertThat(updated.preventUserExistenceErrors()).isEqualTo(PreventUserExistenceErrorTypes.LEGACY);
        assertThat(updated.creationDate()).isEqualTo(created.creationDate());
        assertThat(updated.lastModifiedDate()).isAfter(created.lastModifiedDate());

        UserPoolClientType renamed = cognito.updateUserPoolClient(r -> r.userPoolId(pool)
                .clientId(created.clientId()).clientName("renamed")).userPoolClient();
        assertThat(renamed.clientName()).isEqualTo("renamed");
        assertThat(renamed.idTokenValidity()).isEqualTo(1);
        assertThat(cognito.describeUserPoolClient(r -> r.userPoolId(pool).clientId(created.clientId()))
                .userPoolClient()).isEqualTo(renamed);
    }

    @Test
    void updateUserPoolClientErrors() {
        String pool = newPool();
        String clientId = create(pool, r -> { }).clientId();
        String foreign = create(newPool(), r -> { }).clientId();
        assertInvalid(() -> cognito.updateUserPoolClient(r -> r.userPoolId(pool).clientId(clientId)
                .writeAttributes("email_verified")), "Invalid write attributes specified while updating a client");
        assertInvalid(() -> cognito.updateUserPoolClient(r -> r.userPoolId(pool).clientId(clientId)
                .readAttributes("custom:nope")), "Invalid read attributes specified while updating a client");
        assertInvalid(() -> cognito.updateUserPoolClient(r -> r.userPoolId(pool).clientId(clientId)
                .refreshTokenValidity(10).tokenValidityUnits(u -> u.refreshToken(TimeUnitsType.MINUTES))),
                "Invalid range for token validity.");
        assertInvalid(() -> cognito.updateUserPoolClient(r -> r.userPoolId(pool).clientId(clientId)
                .callbackURLs("https://app.example.com/cb")), "CallbackURLs");
        assertInvalid(() -> cognito.updateUserPoolClient(r -> r.userPoolId(pool)),
                "Value null at 'clientId' failed to satisfy constraint: Member must not be null");
        assertNotFound(() -> cognito.updateUserPoolClient(r -> r.userPoolId(pool).clientId(foreign)),
                "User pool client " + foreign + " does not exist.");
        assertNotFound(() -> cognito.updateUserPoolClient(r -> r.userPoolId("us-east-1_nope12345")
                .clientId(clientId)), "User pool us-east-1_nope12345 does not exist.");
    }

    // ---- DeleteUserPoolClient

    @Test
    void deleteUserPoolClientStopsTheClientAndItsTokens() {
        String pool = newPool();
        String clientId = create(pool, r -> r.explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)).clientId();
        String username = Auth.confirmedUser(pool, "erin", Map.of("given_name", "Erin"));
        AuthenticationResultType auth = cognito.initiateAuth(r -> r.clientId(clientId)
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", Auth.PASSWORD))).authenticationResult();

        cognito.deleteUserPoolClient(r -> r.userPoolId(pool).clientId(clientId));

        assertThatThrownBy(() -> cognito.getUser(r -> r.accessToken(auth.accessToken())))
                .isInstanceOfSatisfying(NotAuthorizedException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertNotFound(() -> cognito.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", auth.refreshToken()))),
                "User pool client " + clientId + " does not exist.");
        assertNotFound(() -> cognito.describeUserPoolClient(r -> r.userPoolId(pool).clientId(clientId)),
                "User pool client " + clientId + " does not exist.");
        assertNotFound(() -> cognito.deleteUserPoolClient(r -> r.userPoolId(pool).clientId(clientId)),
                "User pool client " + clientId + " does not exist.");
        assertThat(cognito.listUserPoolClients(r -> r.userPoolId(pool)).userPoolClients()).isEmpty();
        assertNotFound(() -> cognito.deleteUserPoolClient(r -> r.userPoolId("us-east-1_nope12345")
                .clientId(clientId)), "User pool us-east-1_nope12345 does not exist.");
    }

    @Test
    void clientOperationsAreSigned() {
        for (String op : List.of("CreateUserPoolClient", "DescribeUserPoolClient", "ListUserPoolClients",
                "UpdateUserPoolClient", "DeleteUserPoolClient")) {
            given().contentType(AwsProtocolTest.MEDIA).header("X-Amz-Target", AwsProtocolTest.TARGET + op)
                    .body("{\"UserPoolId\":\"us-east-1_abc\",\"ClientId\":\"abc\"}".getBytes(StandardCharsets.UTF_8))
                    .when().post("/")
                    .then().statusCode(400).header("x-amzn-ErrorType", "MissingAuthenticationTokenException");
        }
    }

}
