package io.userpools.aws;

import static io.userpools.aws.AwsClients.attribute;
import static io.userpools.aws.AwsClients.attributes;
import static io.userpools.aws.AwsClients.awsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;

/**
 * The AWS facade's GetUser, UpdateUserAttributes and DeleteUserAttributes with the token's state
 * conditions checked inside their statements: what changed after the token was issued answers the
 * precise Cognito error (as GuardedSelfCallsTest shows for /me) and changes nothing.
 */
@QuarkusTest
class AwsGuardedSelfCallsTest extends AwsSdkTest {

    @Inject
    Pool sql;

    String pool;
    String token;

    @BeforeEach
    void signedIn() {
        pool = AwsClients.newPool(cognito);
        String clientId = AwsClients.newClient(cognito, pool, ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH);
        AwsClients.confirmedUser(cognito, pool, "mia", attribute("given_name", "Mia"));
        token = cognito.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "mia", "PASSWORD", AwsClients.PASSWORD)))
                .authenticationResult().accessToken();
        // the client is in this replica's cache now
        cognito.getUser(r -> r.accessToken(token));
    }

    private void everyCallRefused(String code, String message) {
        assertError(awsError(() -> cognito.updateUserAttributes(r -> r.accessToken(token)
                .userAttributes(attribute("given_name", "Mallory")))), code, message);
        assertError(awsError(() -> cognito.updateUserAttributes(r -> r.accessToken(token)
                .userAttributes(attribute("email", "m@example.com")))), code, message);
        assertError(awsError(() -> cognito.deleteUserAttributes(r -> r.accessToken(token)
                .userAttributeNames("given_name"))), code, message);
        assertError(awsError(() -> cognito.getUser(r -> r.accessToken(token))), code, message);
        assertError(awsError(() -> cognito.verifyUserAttribute(r -> r.accessToken(token).attributeName("email")
                .code("123456"))), code, message);
    }

    private void unchanged() {
        assertThat(attributes(cognito.adminGetUser(r -> r.userPoolId(pool).username("mia")).userAttributes()))
                .containsEntry("given_name", "Mia").doesNotContainKey("email");
    }

    @Test
    void aSignOutAfterTheTokenWasIssuedHoldsAtOnce() {
        cognito.adminUserGlobalSignOut(r -> r.userPoolId(pool).username("mia"));
        everyCallRefused("NotAuthorizedException", "Access Token has been revoked");
        unchanged();
    }

    @Test
    void aDisabledUserIsRefused() {
        execute("UPDATE users SET enabled = FALSE WHERE pool_id = $1");
        everyCallRefused("NotAuthorizedException", "User is disabled.");
        execute("UPDATE users SET enabled = TRUE WHERE pool_id = $1");
        unchanged();
        cognito.adminDisableUser(r -> r.userPoolId(pool).username("mia"));
        everyCallRefused("NotAuthorizedException", "Access Token has been revoked");
    }

    @Test
    void aDeletedUserIsGone() {
        cognito.adminDeleteUser(r -> r.userPoolId(pool).username("mia"));
        everyCallRefused("UserNotFoundException", "User does not exist.");
    }

    @Test
    void aClientDeletedElsewhereIsRefused() {
        execute("DELETE FROM app_clients WHERE pool_id = $1");
        everyCallRefused("NotAuthorizedException", "Invalid Access Token");
        unchanged();
    }

    private void execute(String statement) {
        sql.preparedQuery(statement).execute(Tuple.of(pool)).await().indefinitely();
    }
}
