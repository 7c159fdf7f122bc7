package io.userpools.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The table of the AWS endpoint's operations, gathered from every {@link AwsOperationGroup}: each
 * operation reads its input shape ({@link AwsInput}), calls the same domain service as the REST
 * facade with the same domain command, and writes Cognito's output shape ({@link AwsShapes}). The
 * table says how each is authenticated (see {@link AwsResource}): {@link Access#SIGNED} operations
 * are checked by the dispatcher before they run, the {@link Access#ACCESS_TOKEN} ones verify the
 * body's {@code AccessToken} as {@code /me} does ({@link AwsCalls#self}).
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

        static Op signed(String name, Function<Call, Uni<ObjectNode>> handler) {
            return new Op(name, Access.SIGNED, handler);
        }

        static Op token(String name, Function<Call, Uni<ObjectNode>> handler) {
            return new Op(name, Access.ACCESS_TOKEN, handler);
        }
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

    public AwsOperations(@All List<AwsOperationGroup> groups) {
        Map<String, Op> all = new HashMap<>();
        for (AwsOperationGroup group : groups) {
            for (Op op : group.operations()) {
                if (!MODEL.contains(op.name())) {
                    throw new IllegalStateException(op.name() + " is not an operation of Cognito's model");
                }
                if (all.put(op.name(), op) != null) {
                    throw new IllegalStateException(op.name() + " is declared twice");
                }
            }
        }
        this.table = Map.copyOf(all);
    }

    /** The operation of this name, or null when Userpools does not have it on this protocol. */
    Op find(String name) {
        return table.get(name);
    }
}
