package io.userpools.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.userpools.aws.AwsOperations.Call;
import io.userpools.attribute.AttributeService;
import io.userpools.auth.RefreshCommand;
import io.userpools.auth.SignInCommand;
import io.userpools.auth.SignInService;
import io.userpools.common.error.InvalidParameterException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Sign-in and the signed-in user's operations on the AWS endpoint: unsigned in Cognito's model,
 * they authenticate by the body's {@code AccessToken} (or, for sign-in, by the password).
 */
@Singleton
public class AwsSelfOperations implements AwsOperationGroup {

    private final AwsCalls calls;
    private final SignInService signIn;
    private final AttributeService attributes;


    public AwsSelfOperations(AwsCalls calls, SignInService signIn, AttributeService attributes) {
        this.calls = calls;
        this.signIn = signIn;
        this.attributes = attributes;
    }

    @Override
    public List<AwsOperations.Op> operations() {
        return List.of(
                AwsOperations.Op.token("InitiateAuth", this::initiateAuth),
                AwsOperations.Op.token("GetUser", this::getUser),
                AwsOperations.Op.token("UpdateUserAttributes", this::updateUserAttributes));
    }

    private Uni<ObjectNode> initiateAuth(Call call) {
        AwsInput in = call.input();
        String flow = in.string("AuthFlow", AwsInput.Shape.of(0, 64, null), true);
        String clientId = in.string("ClientId", AwsInput.CLIENT_ID, true);
        Map<String, String> parameters = in.map("AuthParameters");
        Map<String, String> metadata = in.map("ClientMetadata");
        in.check();
        Map<String, String> p = parameters == null ? Map.of() : parameters;
        Uni<SignInService.Result> result = switch (flow) {
            case "USER_PASSWORD_AUTH" -> signIn.signIn(new SignInCommand(clientId,
                    AwsCalls.required(p, "USERNAME"), AwsCalls.required(p, "PASSWORD"), p.get("SECRET_HASH"),
                    metadata));
            case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN" -> signIn.refresh(new RefreshCommand(clientId,
                    AwsCalls.required(p, "REFRESH_TOKEN"), p.get("SECRET_HASH")));
            case "USER_SRP_AUTH", "CUSTOM_AUTH", "ADMIN_NO_SRP_AUTH", "ADMIN_USER_PASSWORD_AUTH" ->
                    throw new InvalidParameterException("Userpools does not support the " + flow
                            + " flow on InitiateAuth");
            default -> throw InvalidParameterException.summary(List.of(InvalidParameterException.part(flow,
                    "authFlow", "Member must satisfy enum value set: [USER_SRP_AUTH, REFRESH_TOKEN_AUTH, "
                            + "REFRESH_TOKEN, CUSTOM_AUTH, ADMIN_NO_SRP_AUTH, USER_PASSWORD_AUTH, "
                            + "ADMIN_USER_PASSWORD_AUTH]")), List.of());
        };
        return result.map(r -> {
            ObjectNode out = calls.out();
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

    private Uni<ObjectNode> getUser(Call call) {
        return calls.self(call).map(context -> {
            ObjectNode out = calls.out();
            AwsShapes.selfUser(out, context.user(), context.client().permissions());
            return out;
        });
    }

    private Uni<ObjectNode> updateUserAttributes(Call call) {
        AwsInput in = call.input();
        Map<String, String> values = in.attributes("UserAttributes", true);
        Map<String, String> metadata = in.map("ClientMetadata");
        return calls.self(call).flatMap(context -> attributes.selfUpdate(context.pool(), context.user().sub(),
                context.client().permissions(), values, metadata)).map(outcome -> {
                    ObjectNode out = calls.out();
                    AwsShapes.deliveries(out, outcome.deliveries());
                    return out;
                });
    }
}
