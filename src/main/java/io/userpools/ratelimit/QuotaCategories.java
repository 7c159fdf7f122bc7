package io.userpools.ratelimit;

import java.util.Map;
import java.util.Optional;

/**
 * Which quota category each operation counts against: the one place that maps operationIds (the
 * Cognito operation in camelCase, also the resource method's name) to categories. Membership
 * follows the behaviour spec, section 5; where Cognito does not document it, the nearest
 * category. An operation missing here is not limited.
 */
public final class QuotaCategories {

    private static final Map<String, QuotaCategory> BY_OPERATION = Map.ofEntries(
            // pools and their settings
            Map.entry("createUserPool", QuotaCategory.UserPoolUpdate),
            Map.entry("deleteUserPool", QuotaCategory.UserPoolUpdate),
            Map.entry("updateUserPool", QuotaCategory.UserPoolUpdate),
            Map.entry("addCustomAttributes", QuotaCategory.UserPoolUpdate),
            Map.entry("setUserPoolRateLimits", QuotaCategory.UserPoolUpdate),
            Map.entry("describeUserPool", QuotaCategory.UserPoolRead),
            Map.entry("listUserPools", QuotaCategory.UserPoolRead),
            Map.entry("getUserPoolRateLimits", QuotaCategory.UserPoolRead),
            // app clients
            Map.entry("createUserPoolClient", QuotaCategory.UserPoolClientUpdate),
            Map.entry("updateUserPoolClient", QuotaCategory.UserPoolClientUpdate),
            Map.entry("deleteUserPoolClient", QuotaCategory.UserPoolClientUpdate),
            Map.entry("describeUserPoolClient", QuotaCategory.UserPoolClientRead),
            Map.entry("listUserPoolClients", QuotaCategory.UserPoolClientRead),
            // users
            Map.entry("adminCreateUser", QuotaCategory.UserCreation),
            Map.entry("signUp", QuotaCategory.UserCreation),
            Map.entry("confirmSignUp", QuotaCategory.UserCreation),
            Map.entry("confirmSignUpByLink", QuotaCategory.UserCreation),
            Map.entry("adminConfirmSignUp", QuotaCategory.UserCreation),
            Map.entry("adminGetUser", QuotaCategory.UserRead),
            Map.entry("getUser", QuotaCategory.UserRead),
            Map.entry("listUsers", QuotaCategory.UserList),
            Map.entry("listUsersInGroup", QuotaCategory.UserList),
            Map.entry("adminUpdateUserAttributes", QuotaCategory.UserUpdate),
            Map.entry("updateUserAttributes", QuotaCategory.UserUpdate),
            Map.entry("adminDeleteUserAttributes", QuotaCategory.UserUpdate),
            Map.entry("deleteUserAttributes", QuotaCategory.UserUpdate),
            Map.entry("getUserAttributeVerificationCode", QuotaCategory.UserUpdate),
            Map.entry("verifyUserAttribute", QuotaCategory.UserUpdate),
            Map.entry("adminUserGlobalSignOut", QuotaCategory.UserUpdate),
            Map.entry("globalSignOut", QuotaCategory.UserUpdate),
            Map.entry("adminDeleteUser", QuotaCategory.UserUpdate),
            Map.entry("adminDisableUser", QuotaCategory.UserUpdate),
            Map.entry("adminEnableUser", QuotaCategory.UserUpdate),
            Map.entry("adminSetUserPassword", QuotaCategory.UserUpdate),
            Map.entry("adminResetUserPassword", QuotaCategory.UserUpdate),
            Map.entry("changePassword", QuotaCategory.UserUpdate),
            // sign-in
            Map.entry("initiateAuth", QuotaCategory.UserAuthentication),
            Map.entry("adminInitiateAuth", QuotaCategory.UserAuthentication),
            Map.entry("respondToAuthChallenge", QuotaCategory.UserAuthentication),
            Map.entry("adminRespondToAuthChallenge", QuotaCategory.UserAuthentication),
            Map.entry("refreshTokens", QuotaCategory.UserAuthentication),
            Map.entry("initiateAuthRefresh", QuotaCategory.UserAuthentication),
            Map.entry("revokeToken", QuotaCategory.UserToken),
            Map.entry("forgotPassword", QuotaCategory.UserAccountRecovery),
            Map.entry("confirmForgotPassword", QuotaCategory.UserAccountRecovery),
            // user import (issue 17)
            Map.entry("createUserImportJob", QuotaCategory.UserPoolResourceUpdate),
            Map.entry("startUserImportJob", QuotaCategory.UserPoolResourceUpdate),
            Map.entry("stopUserImportJob", QuotaCategory.UserPoolResourceUpdate),
            Map.entry("describeUserImportJob", QuotaCategory.UserPoolResourceRead),
            Map.entry("listUserImportJobs", QuotaCategory.UserPoolResourceRead),
            Map.entry("getCSVHeader", QuotaCategory.UserPoolResourceRead));

    private QuotaCategories() {
    }

    /** The category of an operation, empty for operations that are not limited. */
    public static Optional<QuotaCategory> of(String operation) {
        return Optional.ofNullable(BY_OPERATION.get(operation));
    }
}
