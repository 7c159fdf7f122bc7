package io.userpools.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.userpools.attribute.AttributeService;
import io.userpools.auth.SignOutService;
import io.userpools.aws.AwsOperations.Call;
import io.userpools.user.UserService;
import io.userpools.verification.VerificationService;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * The signed-in user's operations on the AWS endpoint: unsigned in Cognito's model, they
 * authenticate by the body's {@code AccessToken}, with the checks of {@code /me}
 * ({@link AwsCalls#self}, or {@link AwsCalls#guarded} where the statements check the token's state),
 * and call the services the {@code /me} resources call.
 */
@Singleton
public class AwsSelfOperations implements AwsOperationGroup {

    private final AwsCalls calls;
    private final AttributeService attributes;
    private final VerificationService verification;
    private final SignOutService signOut;
    private final UserService users;

    public AwsSelfOperations(AwsCalls calls, AttributeService attributes, VerificationService verification,
            SignOutService signOut, UserService users) {
        this.users = users;
        this.calls = calls;
        this.attributes = attributes;
        this.verification = verification;
        this.signOut = signOut;
    }

    @Override
    public List<AwsOperations.Op> operations() {
        return List.of(
                AwsOperations.Op.token("GetUser", this::getUser),
                AwsOperations.Op.token("UpdateUserAttributes", this::updateUserAttributes),
                AwsOperations.Op.token("DeleteUserAttributes", this::deleteUserAttributes),
                AwsOperations.Op.token("GetUserAttributeVerificationCode", this::getUserAttributeVerificationCode),
                AwsOperations.Op.token("VerifyUserAttribute", this::verifyUserAttribute),
                AwsOperations.Op.token("GlobalSignOut", this::globalSignOut));
    }

    private Uni<ObjectNode> getUser(Call call) {
        return calls.guarded(call, (token, access) -> users.self(access).map(user -> {
            ObjectNode out = calls.out();
            AwsShapes.selfUser(out, user, token.client().permissions());
            return out;
        }));
    }

    private Uni<ObjectNode> updateUserAttributes(Call call) {
        AwsInput in = call.input();
        Map<String, String> values = in.attributes("UserAttributes", true);
        Map<String, String> metadata = in.map("ClientMetadata");
        return calls.guarded(call, (token, access) -> attributes.selfUpdate(access, token.client().permissions(),
                values, metadata)).map(outcome -> {
                    ObjectNode out = calls.out();
                    AwsShapes.deliveries(out, outcome.deliveries());
                    return out;
                });
    }

    private Uni<ObjectNode> deleteUserAttributes(Call call) {
        List<String> names = call.input().strings("UserAttributeNames", AwsInput.ATTRIBUTE_NAME, true);
        return calls.guarded(call, (token, access) -> attributes.selfDelete(access, token.client().permissions(),
                names)).map(user -> calls.out());
    }

    private Uni<ObjectNode> getUserAttributeVerificationCode(Call call) {
        AwsInput in = call.input();
        String name = in.string("AttributeName", AwsInput.ATTRIBUTE_NAME, true);
        Map<String, String> metadata = in.map("ClientMetadata");
        return calls.self(call).flatMap(context -> verification.sendCode(context.pool(), context.user().sub(),
                name, context.client().clientId(), metadata)).map(details -> {
                    ObjectNode out = calls.out();
                    AwsShapes.delivery(out.putObject("CodeDeliveryDetails"), details);
                    return out;
                });
    }

    private Uni<ObjectNode> verifyUserAttribute(Call call) {
        AwsInput in = call.input();
        String name = in.string("AttributeName", AwsInput.ATTRIBUTE_NAME, true);
        String code = in.string("Code", AwsInput.CODE, true);
        return calls.guarded(call, (token, access) -> verification.verify(access, name, code))
                .map(user -> calls.out());
    }

    private Uni<ObjectNode> globalSignOut(Call call) {
        return calls.self(call).flatMap(context -> signOut.signOut(context.pool().id(), context.user().sub()))
                .map(nothing -> calls.out());
    }
}
