package io.userpools.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.userpools.aws.AwsOperations.Call;
import io.userpools.signup.ConfirmSignUpCommand;
import io.userpools.signup.ConfirmSignUpService;
import io.userpools.signup.ResendConfirmationCodeCommand;
import io.userpools.signup.ResendConfirmationCodeService;
import io.userpools.signup.SignUpCommand;
import io.userpools.signup.SignUpService;
import io.userpools.verification.CodeDeliveryDetails;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Sign-up and confirmation on the AWS endpoint (lifecycle 3): SignUp, ConfirmSignUp and
 * ResendConfirmationCode are unsigned in Cognito's model and name their app client; the service
 * checks the client, its secret hash and the pool's rate limit. AdminConfirmSignUp is signed.
 */
@Singleton
public class AwsSignUpOperations implements AwsOperationGroup {

    /** The service checks the password (required, no outer whitespace, the pool's policy). */
    private static final AwsInput.Shape PASSWORD = AwsInput.Shape.of(0, 256, null).secret();
    private static final AwsInput.Shape CODE = AwsInput.Shape.of(1, 2048, "[\\S]+").secret();

    private final AwsCalls calls;
    private final SignUpService signUp;
    private final ConfirmSignUpService confirmation;
    private final ResendConfirmationCodeService resend;

    public AwsSignUpOperations(AwsCalls calls, SignUpService signUp, ConfirmSignUpService confirmation,
            ResendConfirmationCodeService resend) {
        this.calls = calls;
        this.signUp = signUp;
        this.confirmation = confirmation;
        this.resend = resend;
    }

    @Override
    public List<AwsOperations.Op> operations() {
        return List.of(
                AwsOperations.Op.token("SignUp", this::signUp),
                AwsOperations.Op.token("ConfirmSignUp", this::confirmSignUp),
                AwsOperations.Op.token("ResendConfirmationCode", this::resendConfirmationCode),
                AwsOperations.Op.signed("AdminConfirmSignUp", this::adminConfirmSignUp));
    }

    private Uni<ObjectNode> signUp(Call call) {
        AwsInput in = call.input();
        String clientId = in.string("ClientId", AwsInput.CLIENT_ID, true);
        String secretHash = in.string("SecretHash", AwsInput.SECRET_HASH, false);
        String username = in.string("Username", AwsInput.USERNAME, true);
        String password = in.string("Password", PASSWORD, false);
        Map<String, String> attributes = in.attributes("UserAttributes", false);
        in.attributes("ValidationData", false); // shape-checked, then discarded: no pre sign-up trigger
        Map<String, String> metadata = in.map("ClientMetadata");
        in.check();
        return signUp.signUp(new SignUpCommand(clientId, secretHash, username, password, attributes, metadata))
                .map(result -> {
                    ObjectNode out = calls.out();
                    out.put("UserConfirmed", result.userConfirmed());
                    out.put("UserSub", result.userSub().toString());
                    if (result.codeDeliveryDetails() != null) {
                        details(out, result.codeDeliveryDetails());
                    }
                    return out;
                });
    }

    private Uni<ObjectNode> confirmSignUp(Call call) {
        AwsInput in = call.input();
        String clientId = in.string("ClientId", AwsInput.CLIENT_ID, true);
        String secretHash = in.string("SecretHash", AwsInput.SECRET_HASH, false);
        String username = in.string("Username", AwsInput.USERNAME, true);
        String code = in.string("ConfirmationCode", CODE, true);
        Boolean force = in.bool("ForceAliasCreation");
        in.map("ClientMetadata");
        in.check();
        return confirmation.confirm(new ConfirmSignUpCommand(clientId, secretHash, username, code,
                Boolean.TRUE.equals(force))).map(nothing -> calls.out());
    }

    private Uni<ObjectNode> resendConfirmationCode(Call call) {
        AwsInput in = call.input();
        String clientId = in.string("ClientId", AwsInput.CLIENT_ID, true);
        String secretHash = in.string("SecretHash", AwsInput.SECRET_HASH, false);
        String username = in.string("Username", AwsInput.USERNAME, true);
        Map<String, String> metadata = in.map("ClientMetadata");
        in.check();
        return resend.resend(new ResendConfirmationCodeCommand(clientId, secretHash, username, metadata))
                .map(details -> details(calls.out(), details));
    }

    private Uni<ObjectNode> adminConfirmSignUp(Call call) {
        AwsInput in = call.input();
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        String username = in.string("Username", AwsInput.USERNAME, true);
        in.map("ClientMetadata");
        in.check();
        return calls.limited(call, poolId, confirmation.adminConfirm(poolId, username)).map(nothing -> calls.out());
    }

    /** CodeDeliveryDetailsType under {@code CodeDeliveryDetails}. */
    private static ObjectNode details(ObjectNode out, CodeDeliveryDetails d) {
        out.putObject("CodeDeliveryDetails").put("Destination", d.destination())
                .put("DeliveryMedium", d.deliveryMedium().name()).put("AttributeName", d.attributeName());
        return out;
    }
}
