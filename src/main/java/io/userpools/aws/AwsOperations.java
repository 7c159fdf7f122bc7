package io.userpools.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.userpools.attribute.AttributeService;
import io.userpools.auth.AccessTokenVerifier;
import io.userpools.auth.AccessTokenVerifier.AccessContext;
import io.userpools.auth.RefreshCommand;
import io.userpools.auth.SignInCommand;
import io.userpools.auth.SignInService;
import io.userpools.client.ClientService;
import io.userpools.client.CreateClientCommand;
import io.userpools.common.RequestLog;
import io.userpools.common.UserpoolsConfig;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.pool.CreatePoolCommand;
import io.userpools.pool.PoolService;
import io.userpools.ratelimit.CallerRateLimit;
import io.userpools.ratelimit.RateLimiter;
import io.userpools.user.CreateUserCommand;
import io.userpools.user.UserService;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The operations of the AWS endpoint: each reads its input shape ({@link AwsInput}), calls the same
 * domain service as the REST facade with the same domain command, and writes Cognito's output
 * shape ({@link AwsShapes}). The table says how each is authenticated (see {@link AwsResource}):
 * {@link Access#SIGNED} operations are checked by the dispatcher before they run, the
 * {@link Access#ACCESS_TOKEN} ones verify the body's {@code AccessToken} as {@code /me} does.
 * Rate limits: a signed operation counts against its pool (or the deployment, for pool creation)
 * once its input is valid, as the REST facade's filter does; token operations after the token
 * checks, sign-in inside the sign-in service.
 */
@Singleton
public class AwsOperations {

    /** How an operation authenticates its caller. */
    public enum Access {
        /** AWS SigV4 with an admin access key, checked before the operation runs. */
        SIGNED,
        /** The {@code AccessToken} in the body (unsigned in Cognito's model), or no caller for sign-in. */
        ACCESS_TOKEN
    }

    /** One request being served: the operation's name, its input and the routing context. */
    record Call(String name, AwsInput input, RoutingContext rc) {
    }

    /** An operation of the table. */
    record Op(String name, Access access, Function<Call, Uni<ObjectNode>> handler) {
    }

    /** Every operation of Cognito's service model (2016-04-18), to name the ones Userpools lacks. */
    static final Set<String> MODEL = Set.of(
            "AddCustomAttributes", "AdminAddUserToGroup", "AdminConfirmSignUp", "AdminCreateUser", "AdminDeleteUser",
            "AdminDeleteUserAttributes", "AdminDisableProviderForUser", "AdminDisableUser", "AdminEnableUser",
            "AdminForgetDevice", "AdminGetDevice", "AdminGetUser", "AdminInitiateAuth", "AdminLinkProviderForUser",
            "AdminListDevices", "AdminListGroupsForUser", "AdminListUserAuthEvents", "AdminRemoveUserFromGroup",
            "AdminResetUserPassword", "AdminRespondToAuthChallenge", "AdminSetUserMFAPreference",
            "AdminSetUserPassword", "AdminSetUserSettings", "AdminUpdateAuthEventFeedback",
            "AdminUpdateDeviceStatus", "AdminUpdateUserAttributes", "AdminUserGlobalSignOut",
            "AssociateSoftwareToken", "ChangePassword", "ConfirmDevice", "ConfirmForgotPassword", "ConfirmSignUp",
            "CreateGroup", "CreateIdentityProvider", "CreateResourceServer", "CreateUserImportJob", "CreateUserPool",
            "CreateUserPoolClient", "CreateUserPoolDomain", "DeleteGroup", "DeleteIdentityProvider",
            "DeleteResourceServer", "DeleteUser", "DeleteUserAttributes", "DeleteUserPool", "DeleteUserPoolClient",
            "DeleteUserPoolDomain", "DescribeIdentityProvider", "DescribeResourceServer",
            "DescribeRiskConfiguration", "DescribeUserImportJob", "DescribeUserPool", "DescribeUserPoolClient",
            "DescribeUserPoolDomain", "ForgetDevice", "ForgotPassword", "GetCSVHeader", "GetDevice", "GetGroup",
            "GetIdentityProviderByIdentifier", "GetSigningCertificate", "GetUICustomization", "GetUser",
            "GetUserAttributeVerificationCode", "GetUserPoolMfaConfig", "GlobalSignOut", "InitiateAuth",
            "ListDevices", "ListGroups", "ListIdentityProviders", "ListResourceServers", "ListTagsForResource",
            "ListUserImportJobs", "ListUserPoolClients", "ListUserPools", "ListUsers", "ListUsersInGroup",
            "ResendConfirmationCode", "RespondToAuthChallenge", "RevokeToken", "SetRiskConfiguration",
            "SetUICustomization", "SetUserMFAPreference", "SetUserPoolMfaConfig", "SetUserSettings", "SignUp",
            "StartUserImportJob", "StopUserImportJob", "TagResource", "UntagResource", "UpdateAuthEventFeedback",
            "UpdateDeviceStatus", "UpdateGroup", "UpdateIdentityProvider", "UpdateResourceServer",
            "UpdateUserAttributes", "UpdateUserPool", "UpdateUserPoolClient", "UpdateUserPoolDomain",
            "VerifySoftwareToken", "VerifyUserAttribute");

    private final Map<String, Op> table;
    private final PoolService pools;
    private final ClientService clients;
    private final UserService users;
    private final AttributeService attributes;
    private final SignInService signIn;
    private final AccessTokenVerifier tokens;
    private final CallerRateLimit callerLimit;
    private final RateLimiter limiter;
    private final ObjectMapper json;
    private final String region;

    public AwsOperations(PoolService pools, ClientService clients, UserService users, AttributeService attributes,
            SignInService signIn, AccessTokenVerifier tokens, CallerRateLimit callerLimit, RateLimiter limiter,
            ObjectMapper json, UserpoolsConfig config) {
        this.pools = pools;
        this.clients = clients;
        this.users = users;
        this.attributes = attributes;
        this.signIn = signIn;
        this.tokens = tokens;
        this.callerLimit = callerLimit;
        this.limiter = limiter;
        this.json = json;
        this.region = config.region();
        this.table = Map.ofEntries(
                signed("CreateUserPool", this::createUserPool),
                signed("DescribeUserPool", this::describeUserPool),
                signed("CreateUserPoolClient", this::createUserPoolClient),
                signed("AdminCreateUser", this::adminCreateUser),
                signed("AdminGetUser", this::adminGetUser),
                signed("AdminDeleteUser", this::adminDeleteUser),
                signed("AdminUpdateUserAttributes", this::adminUpdateUserAttributes),
                signed("AdminDeleteUserAttributes", this::adminDeleteUserAttributes),
                token("InitiateAuth", this::initiateAuth),
                token("GetUser", this::getUser),
                token("UpdateUserAttributes", this::updateUserAttributes));
    }

    /** The operation of this name, or null when Userpools does not have it on this protocol. */
    Op find(String name) {
        return table.get(name);
    }

    private static Map.Entry<String, Op> signed(String name, Function<Call, Uni<ObjectNode>> handler) {
        return Map.entry(name, new Op(name, Access.SIGNED, handler));
    }

    private static Map.Entry<String, Op> token(String name, Function<Call, Uni<ObjectNode>> handler) {
        return Map.entry(name, new Op(name, Access.ACCESS_TOKEN, handler));
    }

    /** Counts a signed call against its pool's limit (null: the deployment's), then runs it. */
    private <T> Uni<T> limited(Call call, String poolId, Uni<T> operation) {
        RequestLog.name(call.rc(), AwsResource.camel(call.name()), poolId);
        return limiter.check(poolId, AwsResource.camel(call.name())).chain(() -> operation);
    }

    /** The body's access token, verified as {@code /me} verifies it, then the pool's rate limit. */
    private Uni<AccessContext> self(Call call) {
        String token = call.input().string("AccessToken", AwsInput.TOKEN, true);
        call.input().check();
        CallerRateLimit.Bound limit = callerLimit.forCurrentRequest();
        return tokens.verify("Bearer " + token)
                .flatMap(context -> limit.check(context.pool().id()).replaceWith(context));
    }

    private ObjectNode out() {
        return json.createObjectNode();
    }

    // ---- pools and clients

    private Uni<ObjectNode> createUserPool(Call call) {
        AwsInput in = call.input();
        String name = in.string("PoolName", AwsInput.NAME, true);
        List<String> usernameAttributes = in.strings("UsernameAttributes", AwsInput.ATTRIBUTE_NAME);
        List<String> aliasAttributes = in.strings("AliasAttributes", AwsInput.ATTRIBUTE_NAME);
        List<String> autoVerified = in.strings("AutoVerifiedAttributes", AwsInput.ATTRIBUTE_NAME);
        in.check();
        CreatePoolCommand command = new CreatePoolCommand(name, usernameAttributes, aliasAttributes, autoVerified,
                null, null, null, null, null, null, null);
        return limited(call, null, pools.create(command)).map(pool -> {
            ObjectNode out = out();
            AwsShapes.pool(out.putObject("UserPool"), pool, region);
            return out;
        });
    }

    private Uni<ObjectNode> describeUserPool(Call call) {
        String poolId = call.input().string("UserPoolId", AwsInput.USER_POOL_ID, true);
        call.input().check();
        return limited(call, poolId, pools.get(poolId)).map(pool -> {
            ObjectNode out = out();
            AwsShapes.pool(out.putObject("UserPool"), pool, region);
            return out;
        });
    }

    private Uni<ObjectNode> createUserPoolClient(Call call) {
        AwsInput in = call.input();
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        String name = in.string("ClientName", AwsInput.NAME, true);
        Boolean generateSecret = in.bool("GenerateSecret");
        List<String> read = in.strings("ReadAttributes", AwsInput.Shape.of(1, 2048, null));
        List<String> write = in.strings("WriteAttributes", AwsInput.Shape.of(1, 2048, null));
        List<String> flows = in.strings("ExplicitAuthFlows", AwsInput.Shape.of(0, 64, null));
        in.check();
        CreateClientCommand command = new CreateClientCommand(name, read, write, flows, generateSecret, null, null,
                null, null, null);
        return limited(call, poolId, clients.create(poolId, command)).map(created -> {
            ObjectNode out = out();
            AwsShapes.client(out.putObject("UserPoolClient"), created.client(), created.secret());
            return out;
        });
    }

    // ---- users, as admin

    private Uni<ObjectNode> adminCreateUser(Call call) {
        AwsInput in = call.input();
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        String username = in.string("Username", AwsInput.USERNAME, true);
        Map<String, String> userAttributes = in.attributes("UserAttributes", false);
        String temporaryPassword = in.string("TemporaryPassword", AwsInput.PASSWORD, false);
        String messageAction = in.string("MessageAction", AwsInput.Shape.of(0, 16, "RESEND|SUPPRESS"), false);
        Boolean force = in.bool("ForceAliasCreation");
        Map<String, String> metadata = in.map("ClientMetadata");
        in.check();
        CreateUserCommand command = new CreateUserCommand(username, userAttributes, temporaryPassword,
                messageAction, force, metadata);
        return limited(call, poolId, users.create(poolId, command)).map(user -> {
            ObjectNode out = out();
            AwsShapes.userType(out.putObject("User"), user);
            return out;
        });
    }

    private Uni<ObjectNode> adminGetUser(Call call) {
        AwsInput in = call.input();
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        String username = in.string("Username", AwsInput.USERNAME, true);
        in.check();
        return limited(call, poolId, users.get(poolId, username)).map(user -> {
            ObjectNode out = out();
            AwsShapes.adminUser(out, user);
            return out;
        });
    }

    private Uni<ObjectNode> adminDeleteUser(Call call) {
        AwsInput in = call.input();
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        String username = in.string("Username", AwsInput.USERNAME, true);
        in.check();
        return limited(call, poolId, users.delete(poolId, username)).map(nothing -> out());
    }

    private Uni<ObjectNode> adminUpdateUserAttributes(Call call) {
        AwsInput in = call.input();
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        String username = in.string("Username", AwsInput.USERNAME, true);
        Map<String, String> values = in.attributes("UserAttributes", true);
        Map<String, String> metadata = in.map("ClientMetadata");
        in.check();
        return limited(call, poolId, attributes.adminUpdate(poolId, username, values, metadata, null))
                .map(outcome -> out());
    }

    private Uni<ObjectNode> adminDeleteUserAttributes(Call call) {
        AwsInput in = call.input();
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        String username = in.string("Username", AwsInput.USERNAME, true);
        List<String> names = in.strings("UserAttributeNames", AwsInput.ATTRIBUTE_NAME);
        if (names == null) {
            throw InvalidParameterException.summary(
                    List.of("Value null at 'userAttributeNames' failed to satisfy constraint: Member must not be null"),
                    List.of());
        }
        in.check();
        return limited(call, poolId, attributes.adminDelete(poolId, username, names, null)).map(user -> out());
    }

    // ---- sign-in and the signed-in user

    private Uni<ObjectNode> initiateAuth(Call call) {
        AwsInput in = call.input();
        String flow = in.string("AuthFlow", AwsInput.Shape.of(0, 64, null), true);
        String clientId = in.string("ClientId", AwsInput.CLIENT_ID, true);
        Map<String, String> parameters = in.map("AuthParameters");
        Map<String, String> metadata = in.map("ClientMetadata");
        in.check();
        Map<String, String> p = parameters == null ? Map.of() : parameters;
        Uni<SignInService.Result> result = switch (flow) {
            case "USER_PASSWORD_AUTH" -> signIn.signIn(new SignInCommand(clientId, required(p, "USERNAME"),
                    required(p, "PASSWORD"), p.get("SECRET_HASH"), metadata));
            case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN" -> signIn.refresh(new RefreshCommand(clientId,
                    required(p, "REFRESH_TOKEN"), p.get("SECRET_HASH")));
            case "USER_SRP_AUTH", "CUSTOM_AUTH", "ADMIN_NO_SRP_AUTH", "ADMIN_USER_PASSWORD_AUTH" ->
                    throw new InvalidParameterException("Userpools does not support the " + flow
                            + " flow on InitiateAuth");
            default -> throw InvalidParameterException.summary(List.of(InvalidParameterException.part(flow,
                    "authFlow", "Member must satisfy enum value set: [USER_SRP_AUTH, REFRESH_TOKEN_AUTH, "
                            + "REFRESH_TOKEN, CUSTOM_AUTH, ADMIN_NO_SRP_AUTH, USER_PASSWORD_AUTH, "
                            + "ADMIN_USER_PASSWORD_AUTH]")), List.of());
        };
        return result.map(r -> {
            ObjectNode out = out();
            if (r.tokens() != null) {
                ObjectNode auth = out.putObject("AuthenticationResult");
                auth.put("AccessToken", r.tokens().accessToken());
                auth.put("ExpiresIn", r.tokens().expiresIn());
                auth.put("TokenType", "Bearer");
                if (r.tokens().refreshToken() != null) {
                    auth.put("RefreshToken", r.tokens().refreshToken());
                }
                auth.put("IdToken", r.tokens().idToken());
                out.putObject("ChallengeParameters");
            } else {
                out.put("ChallengeName", r.challengeName());
                out.put("Session", r.session());
                ObjectNode challenge = out.putObject("ChallengeParameters");
                if (r.challengeParameters() != null) {
                    r.challengeParameters().forEach(challenge::put);
                }
            }
            return out;
        });
    }

    private static String required(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isEmpty()) {
            throw new InvalidParameterException("Missing required parameter " + name);
        }
        return value;
    }

    private Uni<ObjectNode> getUser(Call call) {
        return self(call).map(context -> {
            ObjectNode out = out();
            AwsShapes.selfUser(out, context.user(), context.client().permissions());
            return out;
        });
    }

    private Uni<ObjectNode> updateUserAttributes(Call call) {
        AwsInput in = call.input();
        Map<String, String> values = in.attributes("UserAttributes", true);
        Map<String, String> metadata = in.map("ClientMetadata");
        return self(call).flatMap(context -> attributes.selfUpdate(context.pool(), context.user().sub(),
                context.client().permissions(), values, metadata)).map(outcome -> {
                    ObjectNode out = out();
                    AwsShapes.deliveries(out, outcome.deliveries());
                    return out;
                });
    }
}
