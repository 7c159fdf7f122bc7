package io.userpools.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.userpools.auth.NewPasswordChallengeService;
import io.userpools.auth.NewPasswordCommand;
import io.userpools.auth.RefreshCommand;
import io.userpools.auth.SignInCommand;
import io.userpools.auth.SignInService;
import io.userpools.aws.AwsOperations.Call;
import io.userpools.common.error.InvalidParameterException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * The sign-in flows of the AWS endpoint: InitiateAuth and RespondToAuthChallenge (unsigned, the
 * app client in the body) and their Admin variants (signed, the pool named too). Each flow calls
 * the sign-in services, which also count the call against the pool's rate limit.
 */
@Singleton
public class AwsAuthOperations implements AwsOperationGroup {

    /** The model's AuthFlowType and ChallengeNameType, in its order (validation texts list them so). */
    private static final List<String> FLOWS = List.of("USER_SRP_AUTH", "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN",
            "CUSTOM_AUTH", "ADMIN_NO_SRP_AUTH", "USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH");
    private static final List<String> CHALLENGES = List.of("SMS_MFA", "SOFTWARE_TOKEN_MFA", "SELECT_MFA_TYPE",
            "MFA_SETUP", "PASSWORD_VERIFIER", "CUSTOM_CHALLENGE", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER",
            "ADMIN_NO_SRP_AUTH", "NEW_PASSWORD_REQUIRED");
    /** [D] Cognito's text as clients report it for a flow the operation does not take. */
    static final String NOT_THIS_OPERATION = "Initiate Auth method not supported.";
    private static final AwsInput.Shape SESSION = AwsInput.Shape.of(20, 2048, null).secret();
    private static final AwsInput.Shape ENUM = AwsInput.Shape.of(0, 64, null);

    private final AwsCalls calls;
    private final SignInService signIn;
    private final NewPasswordChallengeService newPassword;

    public AwsAuthOperations(AwsCalls calls, SignInService signIn, NewPasswordChallengeService newPassword) {
        this.calls = calls;
        this.signIn = signIn;
        this.newPassword = newPassword;
    }

    @Override
    public List<AwsOperations.Op> operations() {
        return List.of(
                AwsOperations.Op.token("InitiateAuth", call -> initiateAuth(call, false)),
                AwsOperations.Op.signed("AdminInitiateAuth", call -> initiateAuth(call, true)),
                AwsOperations.Op.token("RespondToAuthChallenge", call -> respondToAuthChallenge(call, false)),
                AwsOperations.Op.signed("AdminRespondToAuthChallenge", call -> respondToAuthChallenge(call, true)));
    }

    private Uni<ObjectNode> initiateAuth(Call call, boolean admin) {
        AwsInput in = call.input();
        String poolId = admin ? in.string("UserPoolId", AwsInput.USER_POOL_ID, true) : null;
        String clientId = in.string("ClientId", AwsInput.CLIENT_ID, true);
        String flow = in.string("AuthFlow", ENUM, true);
        Map<String, String> parameters = in.map("AuthParameters");
        Map<String, String> metadata = in.map("ClientMetadata");
        in.check();
        Map<String, String> p = parameters == null ? Map.of() : parameters;
        Uni<SignInService.Result> result = switch (flow) {
            case "USER_PASSWORD_AUTH" -> admin ? notThisOperation()
                    : signIn.signIn(signInCommand(clientId, p, metadata));
            case "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH" -> admin
                    ? signIn.adminSignIn(poolId, signInCommand(clientId, p, metadata))
                    : notThisOperation();
            case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN" -> {
                RefreshCommand command = new RefreshCommand(clientId, AwsCalls.required(p, "REFRESH_TOKEN"),
                        p.get("SECRET_HASH"));
                yield admin ? signIn.adminRefresh(poolId, command) : signIn.refresh(command);
            }
            case "USER_SRP_AUTH", "CUSTOM_AUTH" -> unsupported(call, flow);
            default -> throw notInEnum(flow, "authFlow", FLOWS);
        };
        return result.map(this::authentication);
    }

    private static SignInCommand signInCommand(String clientId, Map<String, String> p, Map<String, String> metadata) {
        return new SignInCommand(clientId, AwsCalls.required(p, "USERNAME"), AwsCalls.required(p, "PASSWORD"),
                p.get("SECRET_HASH"), metadata);
    }

    private static InvalidParameterException notInEnum(String value, String path, List<String> values) {
        return InvalidParameterException.detectedValue(value, path,
                "Member must satisfy enum value set: [" + String.join(", ", values) + "]");
    }

    /** A flow of the other operation (the Admin one, or the public one). */
    private static <T> T notThisOperation() {
        throw new InvalidParameterException(NOT_THIS_OPERATION);
    }

    private static <T> T unsupported(Call call, String flow) {
        throw new InvalidParameterException("Userpools does not support the " + flow + " flow on " + call.name());
    }

    private Uni<ObjectNode> respondToAuthChallenge(Call call, boolean admin) {
        AwsInput in = call.input();
        String poolId = admin ? in.string("UserPoolId", AwsInput.USER_POOL_ID, true) : null;
        String clientId = in.string("ClientId", AwsInput.CLIENT_ID, true);
        String challenge = in.string("ChallengeName", ENUM, true);
        String session = in.string("Session", SESSION, false);
        Map<String, String> responses = in.map("ChallengeResponses");
        in.map("ClientMetadata");
        in.check();
        if (!"NEW_PASSWORD_REQUIRED".equals(challenge)) {
            if (!CHALLENGES.contains(challenge)) {
                throw notInEnum(challenge, "challengeName", CHALLENGES);
            }
            throw new InvalidParameterException("Userpools does not support the " + challenge + " challenge");
        }
        if (session == null) {
            throw new InvalidParameterException("Missing required parameter Session");
        }
        Map<String, String> r = responses == null ? Map.of() : responses;
        NewPasswordCommand command = new NewPasswordCommand(clientId, challenge, session,
                AwsCalls.required(r, "USERNAME"), AwsCalls.required(r, "NEW_PASSWORD"), r.get("SECRET_HASH"));
        Uni<SignInService.Result> result = admin ? newPassword.adminRespond(poolId, command)
                : newPassword.respond(command);
        return result.map(this::authentication);
    }

    /** The answer of every flow: AuthenticationResult, or a challenge with its session. */
    private ObjectNode authentication(SignInService.Result r) {
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
    }
}
