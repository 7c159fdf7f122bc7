package io.userpools.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.userpools.aws.AwsOperations.Call;
import io.userpools.password.ConfirmForgotPasswordCommand;
import io.userpools.password.ForgotPasswordCommand;
import io.userpools.password.PasswordChangeService;
import io.userpools.password.PasswordRecoveryService;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Passwords on the AWS endpoint (lifecycle spec 4): ForgotPassword and ConfirmForgotPassword
 * (unsigned, by app client), ChangePassword (unsigned, by the body's access token) and
 * AdminResetUserPassword (signed).
 */
@Singleton
public class AwsPasswordOperations implements AwsOperationGroup {

    /** Cognito's password members: inner spaces allowed, none at either end (lifecycle spec 1.3). */
    static final AwsInput.Shape PASSWORD = AwsInput.Shape.of(1, 256, "[\\S]+.*[\\S]+|[\\S]").secret();
    static final AwsInput.Shape CODE = AwsInput.Shape.of(1, 2048, "[\\S]+").secret();

    private final AwsCalls calls;
    private final PasswordRecoveryService recovery;
    private final PasswordChangeService change;

    public AwsPasswordOperations(AwsCalls calls, PasswordRecoveryService recovery, PasswordChangeService change) {
        this.calls = calls;
        this.recovery = recovery;
        this.change = change;
    }

    @Override
    public List<AwsOperations.Op> operations() {
        return List.of(
                AwsOperations.Op.token("ForgotPassword", this::forgotPassword),
                AwsOperations.Op.token("ConfirmForgotPassword", this::confirmForgotPassword),
                AwsOperations.Op.token("ChangePassword", this::changePassword),
                AwsOperations.Op.signed("AdminResetUserPassword", this::adminResetUserPassword));
    }

    private Uni<ObjectNode> forgotPassword(Call call) {
        AwsInput in = call.input();
        String clientId = in.string("ClientId", AwsInput.CLIENT_ID, true);
        String secretHash = in.string("SecretHash", AwsInput.SECRET_HASH, false);
        String username = in.string("Username", AwsInput.USERNAME, true);
        Map<String, String> metadata = in.map("ClientMetadata");
        in.check();
        return recovery.forgotPassword(new ForgotPasswordCommand(clientId, secretHash, username, metadata))
                .map(details -> {
                    ObjectNode out = calls.out();
                    out.putObject("CodeDeliveryDetails").put("Destination", details.destination())
                            .put("DeliveryMedium", details.deliveryMedium().name())
                            .put("AttributeName", details.attributeName());
                    return out;
                });
    }

    private Uni<ObjectNode> confirmForgotPassword(Call call) {
        AwsInput in = call.input();
        String clientId = in.string("ClientId", AwsInput.CLIENT_ID, true);
        String secretHash = in.string("SecretHash", AwsInput.SECRET_HASH, false);
        String username = in.string("Username", AwsInput.USERNAME, true);
        String code = in.string("ConfirmationCode", CODE, true);
        String password = in.string("Password", PASSWORD, true);
        in.map("ClientMetadata"); // shape only: Cognito passes it to post-confirmation triggers, which we lack
        in.check();
        return recovery.confirmForgotPassword(new ConfirmForgotPasswordCommand(clientId, secretHash, username, code,
                password)).map(nothing -> calls.out());
    }

    private Uni<ObjectNode> changePassword(Call call) {
        AwsInput in = call.input();
        String previous = in.string("PreviousPassword", PASSWORD, false);
        String proposed = in.string("ProposedPassword", PASSWORD, true);
        return calls.self(call).flatMap(context -> change.changePassword(context.pool(), context.client().clientId(), context.user().sub(),
                context.originJti(), previous, proposed)).map(nothing -> calls.out());
    }

    private Uni<ObjectNode> adminResetUserPassword(Call call) {
        AwsInput in = call.input();
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        String username = in.string("Username", AwsInput.USERNAME, true);
        Map<String, String> metadata = in.map("ClientMetadata");
        in.check();
        return calls.limited(call, poolId, recovery.adminResetUserPassword(poolId, username, metadata))
                .map(nothing -> calls.out());
    }
}
