package io.userpools.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.userpools.aws.AwsOperations.Call;
import io.userpools.attribute.AttributeService;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.user.CreateUserCommand;
import io.userpools.user.UserService;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/** The operations of the AWS endpoint on one user, as an administrator: all signed. */
@Singleton
public class AwsAdminUserOperations implements AwsOperationGroup {

    private final AwsCalls calls;
    private final UserService users;
    private final AttributeService attributes;


    public AwsAdminUserOperations(AwsCalls calls, UserService users, AttributeService attributes) {
        this.calls = calls;
        this.users = users;
        this.attributes = attributes;
    }

    @Override
    public List<AwsOperations.Op> operations() {
        return List.of(
                AwsOperations.Op.signed("AdminCreateUser", this::adminCreateUser),
                AwsOperations.Op.signed("AdminGetUser", this::adminGetUser),
                AwsOperations.Op.signed("AdminDeleteUser", this::adminDeleteUser),
                AwsOperations.Op.signed("AdminUpdateUserAttributes", this::adminUpdateUserAttributes),
                AwsOperations.Op.signed("AdminDeleteUserAttributes", this::adminDeleteUserAttributes));
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

    private Uni<ObjectNode> adminDeleteUser(Call call) {
        AwsInput in = call.input();
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        String username = in.string("Username", AwsInput.USERNAME, true);
        in.check();
        return calls.limited(call, poolId, users.delete(poolId, username)).map(nothing -> calls.out());
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
        List<String> names = in.strings("UserAttributeNames", AwsInput.ATTRIBUTE_NAME);
        if (names == null) {
            throw InvalidParameterException.summary(
                    List.of("Value null at 'userAttributeNames' failed to satisfy constraint: Member must not be null"),
                    List.of());
        }
        in.check();
        return calls.limited(call, poolId, attributes.adminDelete(poolId, username, names, null))
                .map(user -> calls.out());
    }
}
