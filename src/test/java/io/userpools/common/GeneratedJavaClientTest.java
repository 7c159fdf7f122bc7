package io.userpools.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.userpools.generated.ApiClient;
import io.userpools.generated.ApiException;
import io.userpools.generated.ApiResponse;
import io.userpools.generated.api.AppClientsApi;
import io.userpools.generated.api.PoolsApi;
import io.userpools.generated.api.SignInApi;
import io.userpools.generated.api.UserAccountsApi;
import io.userpools.generated.api.UserAttributesApi;
import io.userpools.generated.api.UsersApi;
import io.userpools.generated.model.AdminCreateUserRequest;
import io.userpools.generated.model.AdminSetUserPasswordRequest;
import io.userpools.generated.model.AdminUpdateUserAttributesRequest;
import io.userpools.generated.model.AuthenticationResponse;
import io.userpools.generated.model.CreateUserPoolClientRequest;
import io.userpools.generated.model.CreateUserPoolRequest;
import io.userpools.generated.model.Problem;
import io.userpools.generated.model.RefreshRequest;
import io.userpools.generated.model.SchemaAttributeRequest;
import io.userpools.generated.model.SignInRequest;
import io.userpools.generated.model.UserListView;
import io.userpools.generated.model.UserUpdateView;
import io.userpools.generated.model.UserView;
import io.userpools.support.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: the Java client that OpenAPI Generator ({@code java}, library {@code native}, Jackson) makes from
 * the service's own document (pom.xml, generate-test-sources, from the file the build serves at /q/openapi)
 * works against the running service with no hand edits.
 * <p>
 * The {@code native} library throws {@code ApiException} with the raw body for every error status (only the
 * jersey libraries can deserialize error bodies); the typed problem is the generated {@code Problem} model,
 * read from that body with the generated client's own ObjectMapper ({@link #problem}). Credentials go through
 * the generated client's request interceptor, which is how {@code native} clients add them.
 */
@QuarkusTest
class GeneratedJavaClientTest {

    private static final String PASSWORD = "Perm#Passw0rd1";

    @TestHTTPResource("/")
    URI base;

    @Test
    void theWholeAdminFlowRunsThroughTheGeneratedClient() throws ApiException {
        ApiClient admin = client(Api.ADMIN_SECRET);
        PoolsApi pools = new PoolsApi(admin);
        UsersApi users = new UsersApi(admin);
        UserAttributesApi attributes = new UserAttributesApi(admin);
        UserAccountsApi accounts = new UserAccountsApi(admin);

        String poolId = pools.createUserPool(new CreateUserPoolRequest().name("gen-" + suffix())
                .addSchemaItem(new SchemaAttributeRequest().name("tier").type("String").mutable(true))).getId();
        assertThat(pools.describeUserPool(poolId).getSchema())
                .anySatisfy(definition -> assertThat(definition.getName()).isEqualTo("custom:tier"));

        UserView created = users.adminCreateUser(poolId, new AdminCreateUserRequest().username("ada")
                .temporaryPassword("Temp#Passw0rd").attributes(Map.of("email", "ada@example.com", "name", "Ada")));
        assertThat(created.getStatus()).isEqualTo(UserView.StatusEnum.FORCE_CHANGE_PASSWORD);

        // update with If-Match on the version the ETag names, then read it back with its new ETag
        String etag = etag(users.adminGetUserWithHttpInfo(poolId, "ada"));
        UserUpdateView updated = attributes.adminUpdateUserAttributes(poolId, "ada",
                new AdminUpdateUserAttributesRequest().attributes(Map.of("custom:tier", "gold", "name", "Ada L")),
                etag);
        assertThat(updated.getAttributes()).containsEntry("custom:tier", "gold").containsEntry("name", "Ada L");
        ApiResponse<UserView> read = users.adminGetUserWithHttpInfo(poolId, "ada");
        assertThat(read.getData().getAttributes()).containsEntry("custom:tier", "gold");
        assertThat(etag(read)).isEqualTo("\"" + updated.getVersion() + "\"").isNotEqualTo(etag);

        // the old ETag is stale now: 412, as a typed problem
        ApiException stale = catchThrowableOfType(ApiException.class, () -> attributes.adminUpdateUserAttributes(
                poolId, "ada", new AdminUpdateUserAttributesRequest().attributes(Map.of("name", "Lost")), etag));
        assertThat(stale.getCode()).isEqualTo(412);
        assertThat(problem(admin, stale).getCode()).isEqualTo("PreconditionFailedException");

        // null deletes an attribute
        Map<String, String> deletion = new HashMap<>();
        deletion.put("custom:tier", null);
        UserUpdateView deleted = attributes.adminUpdateUserAttributes(poolId, "ada",
                new AdminUpdateUserAttributesRequest().attributes(deletion), null);
        assertThat(deleted.getAttributes()).doesNotContainKey("custom:tier").containsEntry("name", "Ada L");

        // an unknown attribute: 400 InvalidParameterException, with Cognito's text
        ApiException unknown = catchThrowableOfType(ApiException.class, () -> attributes.adminUpdateUserAttributes(
                poolId, "ada", new AdminUpdateUserAttributesRequest().attributes(Map.of("custom:nope", "x")), null));
        assertThat(unknown.getCode()).isEqualTo(400);
        Problem invalid = problem(admin, unknown);
        assertThat(invalid.getCode()).isEqualTo("InvalidParameterException");
        assertThat(invalid.getDetail()).contains("custom:nope");

        // a filter and pages
        for (String name : List.of("ada2", "ada3", "bob")) {
            users.adminCreateUser(poolId, new AdminCreateUserRequest().username(name)
                    .attributes(Map.of("email", name + "@example.com")));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            UserListView page = users.listUsers(poolId, "username ^= \"ada\"", 2, token);
            page.getUsers().forEach(user -> seen.add(user.getUsername()));
            token = page.getPaginationToken();
            pages++;
        } while (token != null && pages < 10);
        assertThat(pages).isEqualTo(2);
        assertThat(seen).containsExactlyInAnyOrder("ada", "ada2", "ada3");

        // a permanent password; sign in with it through the public operations, which take no credential
        accounts.adminSetUserPassword(poolId, "ada", new AdminSetUserPasswordRequest().password(PASSWORD)
                .permanent(true));
        assertThat(users.adminGetUser(poolId, "ada").getStatus()).isEqualTo(UserView.StatusEnum.CONFIRMED);
        String clientId = new AppClientsApi(admin).createUserPoolClient(poolId, new CreateUserPoolClientRequest()
                .name("gen").explicitAuthFlows(List.of("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")))
                .getClientId();
        SignInApi signIn = new SignInApi(client(null));
        AuthenticationResponse tokens = signIn.initiateAuth(new SignInRequest().clientId(clientId).username("ada")
                .password(PASSWORD));
        assertThat(tokens.getRefreshToken()).isNotBlank();

        accounts.adminDisableUser(poolId, "ada");
        assertThat(users.adminGetUser(poolId, "ada").getEnabled()).isFalse();
        accounts.adminEnableUser(poolId, "ada");
        assertThat(users.adminGetUser(poolId, "ada").getEnabled()).isTrue();

        // global sign-out revokes the refresh token
        tokens = signIn.initiateAuth(new SignInRequest().clientId(clientId).username("ada").password(PASSWORD));
        String refreshToken = tokens.getRefreshToken();
        accounts.adminUserGlobalSignOut(poolId, "ada");
        ApiException revoked = catchThrowableOfType(ApiException.class, () -> signIn.initiateAuthRefresh(
                new RefreshRequest().clientId(clientId).refreshToken(refreshToken)));
        assertThat(revoked.getCode()).isEqualTo(401);
        assertThat(problem(admin, revoked).getCode()).isEqualTo("NotAuthorizedException");

        // delete the user (then 404 UserNotFoundException), then the pool (then 404 ResourceNotFoundException)
        users.adminDeleteUser(poolId, "ada");
        ApiException goneUser = catchThrowableOfType(ApiException.class, () -> users.adminGetUser(poolId, "ada"));
        assertThat(goneUser.getCode()).isEqualTo(404);
        assertThat(problem(admin, goneUser).getCode()).isEqualTo("UserNotFoundException");
        pools.deleteUserPool(poolId);
        ApiException gonePool = catchThrowableOfType(ApiException.class, () -> pools.describeUserPool(poolId));
        assertThat(gonePool.getCode()).isEqualTo(404);
        Problem notFound = problem(admin, gonePool);
        assertThat(notFound.getCode()).isEqualTo("ResourceNotFoundException");
        assertThat(notFound.getStatus()).isEqualTo(404);
    }

    @Test
    void aWrongAdminKeyIsATypedNotAuthorizedProblem() {
        ApiClient wrong = client("not-" + Api.ADMIN_SECRET);
        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> new PoolsApi(wrong).listUserPools(10, null));
        assertThat(refused.getCode()).isEqualTo(401);
        assertThat(problem(wrong, refused).getCode()).isEqualTo("NotAuthorizedException");
    }

    /** A generated client for the test port, sending {@code Authorization: Bearer <key>} when a key is given. */
    private ApiClient client(String key) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(base.toString().replaceAll("/$", ""));
        if (key != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + key));
        }
        return client;
    }

    /** The error body as the generated Problem model, read with the generated client's ObjectMapper. */
    private static Problem problem(ApiClient client, ApiException error) {
        try {
            return client.getObjectMapper().readValue(error.getResponseBody(), Problem.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a problem body: " + error.getResponseBody(), e);
        }
    }

    private static String etag(ApiResponse<?> response) {
        List<String> values = response.getHeaders().get("ETag");
        assertThat(values).as("ETag").hasSize(1);
        return values.get(0);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
