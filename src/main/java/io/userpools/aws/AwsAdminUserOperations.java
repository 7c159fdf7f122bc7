package io.userpools.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.userpools.aws.AwsOperations.Call;
import io.userpools.attribute.AttributeService;
import io.userpools.user.CreateUserCommand;
import io.userpools.user.UserAccountService;
import io.userpools.user.UserListing;
import io.userpools.user.UserService;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operations of the AWS endpoint on a pool's users, as an administrator: all signed, each
 * calling the service its REST resource calls.
 */
@Singleton
public class AwsAdminUserOperations implements AwsOperationGroup {

    private final AwsCalls calls;
    private final UserService users;
    private final AttributeService attributes;
    private final UserAccountService accounts;
    private final UserListing listing;

    public AwsAdminUserOperations(AwsCalls calls, UserService users, AttributeService attributes,
            UserAccountService accounts, UserListing listing) {
        this.calls = calls;
        this.users = users;
        this.attributes = attributes;
        this.accounts = accounts;
        this.listing = listing;
    }

    @Override
    public List<AwsOperations.Op> operations() {
        return List.of(
                AwsOperations.Op.signed("AdminCreateUser", this::adminCreateUser),
                AwsOperations.Op.signed("AdminGetUser", this::adminGetUser),
                AwsOperations.Op.signed("AdminDeleteUser", call -> onUser(call, users::delete)),
                AwsOperations.Op.signed("AdminUpdateUserAttributes", this::adminUpdateUserAttributes),
                AwsOperations.Op.signed("AdminDeleteUserAttributes", this::adminDeleteUserAttributes),
                AwsOperations.Op.signed("ListUsers", this::listUsers),
                AwsOperations.Op.signed("AdminSetUserPassword", this::adminSetUserPassword),
                AwsOperations.Op.signed("AdminDisableUser", call -> onUser(call, accounts::disable)),
                AwsOperations.Op.signed("AdminEnableUser", call -> onUser(call, accounts::enable)),
                AwsOperations.Op.signed("AdminUserGlobalSignOut", call -> onUser(call, accounts::globalSignOut)));
    }

    /** The operations that name a user and answer {@code {}}. */
    private interface UserAction {
        Uni<Void> apply(String poolId, String username);
    }

    private Uni<ObjectNode> onUser(Call call, UserAction action) {
        AwsInput in = call.input();
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        String username = in.string("Username", AwsInput.USERNAME, true);
        in.check();
        return calls.limited(call, poolId, action.apply(poolId, username)).map(nothing -> calls.out());
    }

    private Uni<ObjectNode> adminSetUserPassword(Call call) {
        AwsInput in = call.input();
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        String username = in.string("Username", AwsInput.USERNAME, true);
        String password = in.string("Password", AwsInput.PASSWORD, true);
        Boolean permanent = in.bool("Permanent");
        in.check();
        return calls.limited(call, poolId, accounts.setPassword(poolId, username, password,
                Boolean.TRUE.equals(permanent))).map(nothing -> calls.out());
    }

    private Uni<ObjectNode> listUsers(Call call) {
        AwsInput in = call.input();
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        List<String> wanted = in.strings("AttributesToGet", AwsInput.ATTRIBUTE_NAME);
        Integer limit = in.integer("Limit");
        // the filter's length and the limit's range are UserListing's, with the same member paths
        String filter = in.string("Filter", AwsInput.Shape.of(0, Integer.MAX_VALUE, null), false);
        String token = in.string("PaginationToken", AwsInput.Shape.of(1, Integer.MAX_VALUE, "[\\S]+"), false);
        in.check();
        Set<String> names = wanted == null ? null : new HashSet<>(wanted);
        return calls.limited(call, poolId, listing.list(poolId, filter, limit == null ? null : limit.toString(),
                token)).map(page -> {
                    ObjectNode out = calls.out();
                    var list = out.putArray("Users");
                    page.users().forEach(user -> AwsShapes.userType(list.addObject(), user,
                            names == null ? name -> true : names::contains));
                    if (page.paginationToken() != null) {
                        out.put("PaginationToken", page.paginationToken());
                    }
                    return out;
                });
    }

    private Uni<ObjectNode> adminCreateUser(Call call) {
        AwsInput in = call.input();
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        String username = in.string("Username", AwsInput.USERNAME, true);
        Map<String, String> userAttributes = in.attributes("UserAttributes", false);
        String temporaryPassword = in.string("TemporaryPassword", AwsInput.PASSWORD, false);
        String messageAction = in.string("MessageAction", AwsInput.Shape.of(0, 16, "RESEND|SUPPRESS"), false);
        Boolean force = in.bool("ForceAliasCreation");
        Map<String, String> metadata = in.map("ClientMetadata");
        List<String> media = in.strings("DesiredDeliveryMediums", AwsInput.Shape.of(0, 16, "SMS|EMAIL"));
        in.check();
        CreateUserCommand command = new CreateUserCommand(username, userAttributes, temporaryPassword,
                messageAction, force, metadata, media);
        return calls.limited(call, poolId, users.create(poolId, command)).map(user -> {
            ObjectNode out = calls.out();
            AwsShapes.userType(out.putObject("User"), user);
            return out;
        });
    }

    private Uni<ObjectNode> adminGetUser(Call call) {
        AwsInput in = call.input();
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        String username = in.string("Username", AwsInput.USERNAME, true);
        in.check();
        return calls.limited(call, poolId, users.get(poolId, username)).map(user -> {
            ObjectNode out = calls.out();
            AwsShapes.adminUser(out, user);
            return out;
        });
    }

    private Uni<ObjectNode> adminUpdateUserAttributes(Call call) {
        AwsInput in = call.input();
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        String username = in.string("Username", AwsInput.USERNAME, true);
        Map<String, String> values = in.attributes("UserAttributes", true);
        Map<String, String> metadata = in.map("ClientMetadata");
        in.check();
        return calls.limited(call, poolId, attributes.adminUpdate(poolId, username, values, metadata, null))
                .map(outcome -> calls.out());
    }

    private Uni<ObjectNode> adminDeleteUserAttributes(Call call) {
        AwsInput in = call.input();
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        String username = in.string("Username", AwsInput.USERNAME, true);
        List<String> names = in.strings("UserAttributeNames", AwsInput.ATTRIBUTE_NAME, true);
        in.check();
        return calls.limited(call, poolId, attributes.adminDelete(poolId, username, names, null))
                .map(user -> calls.out());
    }
}
