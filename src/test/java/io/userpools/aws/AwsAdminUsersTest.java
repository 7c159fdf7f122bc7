package io.userpools.aws;

import static io.userpools.aws.AwsClients.PASSWORD;
import static io.userpools.aws.AwsClients.attribute;
import static io.userpools.aws.AwsClients.attributes;
import static io.userpools.aws.AwsClients.awsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
class AwsAdminUsersTest extends AwsSdkTest {

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
    void listUsersWithAFilterPagesInTheFilteredOrderWithoutRepeats() {
        String pool = AwsClients.newPool(cognito);
        for (String name : List.of("zed", "amy", "abe", "bob", "al", "ann")) {
            AwsClients.temporaryUser(cognito, pool, name, attribute("given_name", name.toUpperCase()));
        }
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            String previous = token;
            ListUsersResponse page = cognito.listUsers(r -> r.userPoolId(pool).limit(2)
                    .filter("given_name ^= \"A\"").paginationToken(previous));
            assertThat(page.users()).hasSizeLessThanOrEqualTo(2);
            page.users().forEach(u -> names.add(attributes(u.attributes()).get("given_name")));
            token = page.paginationToken();
        } while (token != null);
        assertThat(names).containsExactly("ABE", "AL", "AMY", "ANN");

        // the token names the order it continues: under a filter on another attribute it is invalid
        String first = cognito.listUsers(r -> r.userPoolId(pool).limit(1).filter("given_name ^= \"A\""))
                .paginationToken();
        assertError(awsError(() -> cognito.listUsers(r -> r.userPoolId(pool).filter("username ^= \"a\"")
                .paginationToken(first))), "InvalidParameterException", "Invalid pagination token");
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
        assertError(awsError(() -> cognito.listUsers(r -> r.userPoolId(pool).limit(61))),
                "InvalidParameterException", "1 validation error detected: Value '61' at "
                + "'limit' failed to satisfy constraint: Member must have value less than or equal to 60");

        assertError(awsError(() -> cognito.listUsers(r -> r.userPoolId(pool)
                .filter("custom:tier = \"x\""))),
                "InvalidParameterException", null);

        assertError(awsError(() -> cognito.listUsers(r -> r.userPoolId(pool)
                .paginationToken("not-a-sealed-token"))),
                "InvalidParameterException", null);

        // a token of another pool's listing is not this pool's
        String other = AwsClients.newPool(cognito);
        AwsClients.temporaryUser(cognito, other, "u1");
        AwsClients.temporaryUser(cognito, other, "u2");
        String foreign = cognito.listUsers(r -> r.userPoolId(other).limit(1)).paginationToken();
        assertThat(foreign).isNotBlank();
        assertError(awsError(() -> cognito.listUsers(r -> r.userPoolId(pool).paginationToken(foreign))),
                "InvalidParameterException", null);

        assertError(awsError(() -> cognito.listUsers(r -> r.userPoolId("us-east-1_nothere1"))),
                "ResourceNotFoundException", null);
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
        assertError(awsError(() -> cognito.adminSetUserPassword(r -> r.userPoolId(pool)
                .username("eve").password("short").permanent(true))),
                "InvalidPasswordException", null);

        assertError(awsError(() -> cognito.adminSetUserPassword(r -> r.userPoolId(pool)
                .username("nobody").password(PASSWORD))),
                "UserNotFoundException", "User does not exist.");

        assertError(awsError(() -> cognito.adminSetUserPassword(r -> r
                .userPoolId("us-east-1_nothere1").username("eve").password(PASSWORD))),
                "ResourceNotFoundException", "User pool us-east-1_nothere1 does not exist.");

        assertError(awsError(() -> cognito.adminSetUserPassword(r -> r.userPoolId(pool)
                .username("eve").password("has space"))),
                "InvalidParameterException", "1 validation error detected: Value at "
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
        assertError(awsError(() -> signIn(clientId, "finn", PASSWORD)),
                "NotAuthorizedException", "User is disabled.");
        assertError(awsError(() -> cognito.getUser(r -> r.accessToken(before.accessToken()))),
                "NotAuthorizedException", "Access Token has been revoked");

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
            assertError(awsError(call), "UserNotFoundException", "User does not exist.");
        }
        assertError(awsError(() -> cognito.adminDisableUser(r -> r.userPoolId("us-east-1_nothere1")
                .username("ghost"))),
                "ResourceNotFoundException", null);
        assertError(awsError(() -> cognito.adminEnableUser(r -> r.userPoolId("bad pool").username("ghost"))),
                "InvalidParameterException", "1 validation error detected: Value 'bad pool' at 'userPoolId' failed "
                        + "to satisfy constraint: Member must satisfy regular expression pattern: "
                        + "[\\w-]+_[0-9a-zA-Z]+");
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

        assertError(awsError(() -> cognito.getUser(r -> r.accessToken(auth.accessToken()))),
                "NotAuthorizedException", "Access Token has been revoked");
        assertError(awsError(() -> cognito.initiateAuth(r -> r.clientId(clientId)
                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", auth.refreshToken())))),
                "NotAuthorizedException", "Refresh Token has been revoked");
        // a new sign-in works again
        assertThat(signIn(clientId, "gus", PASSWORD).accessToken()).isNotBlank();
    }
}
