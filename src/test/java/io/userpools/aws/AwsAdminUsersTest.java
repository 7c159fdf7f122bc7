package io.userpools.aws;

import static io.userpools.aws.AwsClients.PASSWORD;
import static io.userpools.aws.AwsClients.attribute;
import static io.userpools.aws.AwsClients.attributes;
import static io.userpools.aws.AwsClients.awsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * The AWS endpoint's admin operations on a pool's users through the AWS SDK for Java v2:
 * ListUsers, AdminSetUserPassword, AdminDisableUser, AdminEnableUser and AdminUserGlobalSignOut,
 * their success shapes and their error codes.
 */
@QuarkusTest
class AwsAdminUsersTest {

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

    AuthenticationResultType signIn(String clientId, String username, String password) {
        return cognito.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", password))).authenticationResult();
    }

    String passwordClient(String pool) {
        return AwsClients.newClient(cognito, pool, ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH);
    }

    // ---- ListUsers

    @Test
    void listUsersAnswersUserTypesPageByPageWithoutRepeats() {
        String pool = AwsClients.newPool(cognito);
        Instant before = Instant.now().minusSeconds(2);
        for (String name : List.of("amy", "abe", "bob")) {
            AwsClients.temporaryUser(cognito, pool, name, attribute("given_name", name.toUpperCase()));
        }
        ListUsersResponse first = cognito.listUsers(r -> r.userPoolId(pool).limit(2));
        assertThat(first.users()).hasSize(2);
        assertThat(first.paginationToken()).isNotBlank();
        ListUsersResponse second = cognito.listUsers(r -> r.userPoolId(pool).limit(2)
                .paginationToken(first.paginationToken()));
        assertThat(second.users()).hasSize(1);
        assertThat(second.paginationToken()).isNull();
        List<String> names = new ArrayList<>();
        first.users().forEach(u -> names.add(u.username()));
        second.users().forEach(u -> names.add(u.username()));
        assertThat(names).containsExactlyInAnyOrder("amy", "abe", "bob");

        UserType amy = cognito.listUsers(r -> r.userPoolId(pool).filter("username = \"amy\"")).users().get(0);
        assertThat(amy.username()).isEqualTo("amy");
        assertThat(attributes(amy.attributes())).containsEntry("given_name", "AMY").containsKey("sub");
        assertThat(amy.enabled()).isTrue();
        assertThat(amy.userStatus()).isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
        assertThat(amy.userCreateDate()).isAfter(before).isBefore(Instant.now().plusSeconds(2));
        assertThat(amy.userLastModifiedDate()).isNotNull();

        ListUsersResponse prefixed = cognito.listUsers(r -> r.userPoolId(pool).filter("username ^= \"a\""));
        assertThat(prefixed.users()).extracting(UserType::username).containsExactlyInAnyOrder("amy", "abe");
        assertThat(prefixed.paginationToken()).isNull();
    }

    @Test
    void listUsersAttributesToGetKeepsOnlyThoseAttributes() {
        String pool = AwsClients.newPool(cognito);
        AwsClients.temporaryUser(cognito, pool, "cat", attribute("given_name", "Cat"),
                attribute("family_name", "Stevens"));
        UserType cat = cognito.listUsers(r -> r.userPoolId(pool).attributesToGet("family_name")).users().get(0);
        assertThat(attributes(cat.attributes())).containsExactly(Map.entry("family_name", "Stevens"));
        assertThat(cat.username()).isEqualTo("cat");
    }

    @Test
    void listUsersErrors() {
        String pool = AwsClients.newPool(cognito);
        AwsServiceException limit = awsError(() -> cognito.listUsers(r -> r.userPoolId(pool).limit(61)));
        assertThat(limit.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
        assertThat(limit.statusCode()).isEqualTo(400);
        assertThat(limit.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '61' at "
                + "'limit' failed to satisfy constraint: Member must have value less than or equal to 60");

        AwsServiceException filter = awsError(() -> cognito.listUsers(r -> r.userPoolId(pool)
                .filter("custom:tier = \"x\"")));
        assertThat(filter.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");

        AwsServiceException token = awsError(() -> cognito.listUsers(r -> r.userPoolId(pool)
                .paginationToken("not-a-sealed-token")));
        assertThat(token.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");

        // a token of another pool's listing is not this pool's
        String other = AwsClients.newPool(cognito);
        AwsClients.temporaryUser(cognito, other, "u1");
        AwsClients.temporaryUser(cognito, other, "u2");
        String foreign = cognito.listUsers(r -> r.userPoolId(other).limit(1)).paginationToken();
        assertThat(foreign).isNotBlank();
        assertThat(awsError(() -> cognito.listUsers(r -> r.userPoolId(pool).paginationToken(foreign)))
                .awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");

        AwsServiceException missing = awsError(() -> cognito.listUsers(r -> r.userPoolId("us-east-1_nothere1")));
        assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
    }

    // ---- AdminSetUserPassword

    @Test
    void adminSetUserPasswordTemporaryThenPermanent() {
        String pool = AwsClients.newPool(cognito);
        String clientId = passwordClient(pool);
        AwsClients.temporaryUser(cognito, pool, "dora");

        cognito.adminSetUserPassword(r -> r.userPoolId(pool).username("dora").password("Other#Temp1"));
        assertThat(cognito.adminGetUser(r -> r.userPoolId(pool).username("dora")).userStatus())
                .isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);

        cognito.adminSetUserPassword(r -> r.userPoolId(pool).username("dora").password(PASSWORD).permanent(true));
        assertThat(cognito.adminGetUser(r -> r.userPoolId(pool).username("dora")).userStatus())
                .isEqualTo(UserStatusType.CONFIRMED);
        assertThat(signIn(clientId, "dora", PASSWORD).accessToken()).isNotBlank();
    }

    @Test
    void adminSetUserPasswordErrors() {
        String pool = AwsClients.newPool(cognito);
        AwsClients.temporaryUser(cognito, pool, "eve");
        AwsServiceException weak = awsError(() -> cognito.adminSetUserPassword(r -> r.userPoolId(pool)
                .username("eve").password("short").permanent(true)));
        assertThat(weak.awsErrorDetails().errorCode()).isEqualTo("InvalidPasswordException");
        assertThat(weak.statusCode()).isEqualTo(400);

        AwsServiceException unknown = awsError(() -> cognito.adminSetUserPassword(r -> r.userPoolId(pool)
                .username("nobody").password(PASSWORD)));
        assertThat(unknown.awsErrorDetails().errorCode()).isEqualTo("UserNotFoundException");
        assertThat(unknown.awsErrorDetails().errorMessage()).isEqualTo("User does not exist.");

        AwsServiceException noPool = awsError(() -> cognito.adminSetUserPassword(r -> r
                .userPoolId("us-east-1_nothere1").username("eve").password(PASSWORD)));
        assertThat(noPool.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");

        AwsServiceException blank = awsError(() -> cognito.adminSetUserPassword(r -> r.userPoolId(pool)
                .username("eve").password("has space")));
        assertThat(blank.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
        assertThat(blank.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value at "
                + "'password' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+");
    }

    // ---- AdminDisableUser, AdminEnableUser

    @Test
    void disabledUserCannotSignInAndItsTokensAreRevokedUntilEnabled() {
        String pool = AwsClients.newPool(cognito);
        String clientId = passwordClient(pool);
        AwsClients.confirmedUser(cognito, pool, "finn");
        AuthenticationResultType before = signIn(clientId, "finn", PASSWORD);

        cognito.adminDisableUser(r -> r.userPoolId(pool).username("finn"));
        assertThat(cognito.adminGetUser(r -> r.userPoolId(pool).username("finn")).enabled()).isFalse();
        AwsServiceException disabled = awsError(() -> signIn(clientId, "finn", PASSWORD));
        assertThat(disabled.awsErrorDetails().errorCode()).isEqualTo("NotAuthorizedException");
        assertThat(disabled.awsErrorDetails().errorMessage()).isEqualTo("User is disabled.");
        AwsServiceException revoked = awsError(() -> cognito.getUser(r -> r.accessToken(before.accessToken())));
        assertThat(revoked.awsErrorDetails().errorCode()).isEqualTo("NotAuthorizedException");
        assertThat(revoked.awsErrorDetails().errorMessage()).isEqualTo("Access Token has been revoked");

        cognito.adminEnableUser(r -> r.userPoolId(pool).username("finn"));
        assertThat(cognito.adminGetUser(r -> r.userPoolId(pool).username("finn")).enabled()).isTrue();
        assertThat(signIn(clientId, "finn", PASSWORD).accessToken()).isNotBlank();
    }

    @Test
    void disableAndEnableErrors() {
        String pool = AwsClients.newPool(cognito);
        for (Runnable call : List.<Runnable>of(
                () -> cognito.adminDisableUser(r -> r.userPoolId(pool).username("ghost")),
                () -> cognito.adminEnableUser(r -> r.userPoolId(pool).username("ghost")),
                () -> cognito.adminUserGlobalSignOut(r -> r.userPoolId(pool).username("ghost")))) {
            AwsServiceException e = awsError(call);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UserNotFoundException");
            assertThat(e.statusCode()).isEqualTo(400);
        }
        AwsServiceException noPool = awsError(() -> cognito.adminDisableUser(r -> r.userPoolId("us-east-1_nothere1")
                .username("ghost")));
        assertThat(noPool.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
        AwsServiceException shape = awsError(() -> cognito.adminEnableUser(r -> r.userPoolId("bad pool")
                .username("ghost")));
        assertThat(shape.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
        assertThat(shape.awsErrorDetails().errorMessage()).contains("at 'userPoolId'");
    }

    // ---- AdminUserGlobalSignOut

    @Test
    void adminGlobalSignOutRevokesAccessAndRefreshTokens() {
        String pool = AwsClients.newPool(cognito);
        String clientId = passwordClient(pool);
        AwsClients.confirmedUser(cognito, pool, "gus");
        AuthenticationResultType auth = signIn(clientId, "gus", PASSWORD);
        assertThat(cognito.getUser(r -> r.accessToken(auth.accessToken())).username()).isEqualTo("gus");

        cognito.adminUserGlobalSignOut(r -> r.userPoolId(pool).username("gus"));

        AwsServiceException access = awsError(() -> cognito.getUser(r -> r.accessToken(auth.accessToken())));
        assertThat(access.awsErrorDetails().errorCode()).isEqualTo("NotAuthorizedException");
        assertThat(access.awsErrorDetails().errorMessage()).isEqualTo("Access Token has been revoked");
        AwsServiceException refresh = awsError(() -> cognito.initiateAuth(r -> r.clientId(clientId)
                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", auth.refreshToken()))));
        assertThat(refresh.awsErrorDetails().errorCode()).isEqualTo("NotAuthorizedException");
        assertThat(refresh.awsErrorDetails().errorMessage()).isEqualTo("Refresh Token has been revoked");
        // a new sign-in works again
        assertThat(signIn(clientId, "gus", PASSWORD).accessToken()).isNotBlank();
    }
}
