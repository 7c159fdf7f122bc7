package io.userpools.aws;

import io.userpools.support.Api;
import io.userpools.support.Db;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

/**
 * The AWS SDK for Java v2 pointed at the running service, as the AWS endpoint's tests use it:
 * clients signed with the dev/test admin key (or any other), fresh pools, app clients and users,
 * and small readers of the SDK's answers and errors.
 */
final class AwsClients {

    static final String PASSWORD = "Corr3ct#Horse";
    static final String TEMPORARY = "Temp#Passw0rd";

    private AwsClients() {
    }

    /** A client signed with the given key, that never retries (so errors surface as they are). */
    static CognitoIdentityProviderClient client(URI root, String keyId, String secret, Region region) {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(root)
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .build();
    }

    /** A client signed with the test admin key. */
    static CognitoIdentityProviderClient admin(URI root) {
        return client(root, "test", Api.ADMIN_SECRET, Region.US_EAST_1);
    }

    static String newPool(CognitoIdentityProviderClient cognito) {
        return cognito.createUserPool(r -> r.poolName("aws-" + UUID.randomUUID().toString().substring(0, 8)))
                .userPool().id();
    }

    /** A public app client of the pool that allows the given flows. */
    static String newClient(CognitoIdentityProviderClient cognito, String pool, ExplicitAuthFlowsType... flows) {
        return cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("app").explicitAuthFlows(flows))
                .userPoolClient().clientId();
    }

    /** A user with {@link #TEMPORARY} as temporary password (FORCE_CHANGE_PASSWORD), no message sent. */
    static void temporaryUser(CognitoIdentityProviderClient cognito, String pool, String username,
            AttributeType... attributes) {
        cognito.adminCreateUser(r -> r.userPoolId(pool).username(username).temporaryPassword(TEMPORARY)
                .messageAction(MessageActionType.SUPPRESS).userAttributes(attributes));
    }

    /** A CONFIRMED user with {@link #PASSWORD}. */
    static void confirmedUser(CognitoIdentityProviderClient cognito, String pool, String username,
            AttributeType... attributes) {
        temporaryUser(cognito, pool, username, attributes);
        cognito.adminSetUserPassword(r -> r.userPoolId(pool).username(username).password(PASSWORD).permanent(true));
    }

    /** Puts a user in a status no API call of Userpools leads to yet (UNCONFIRMED, RESET_REQUIRED). */
    static void status(String pool, String username, String status) {
        try (Connection db = Db.connect();
                PreparedStatement update = db.prepareStatement(
                        "UPDATE users SET status = ? WHERE pool_id = ? AND username = ?")) {
            update.setString(1, status);
            update.setString(2, pool);
            update.setString(3, username);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("no user " + username + " in " + pool);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    /** The error an AWS call answers; fails the test when it succeeds. */
    static AwsServiceException awsError(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            return e;
        }
        throw new AssertionError("expected an AWS error");
    }

    static Map<String, String> attributes(List<AttributeType> list) {
        Map<String, String> map = new HashMap<>();
        list.forEach(a -> map.put(a.name(), a.value()));
        return map;
    }
}
