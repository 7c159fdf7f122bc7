package io.userpools.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.userpools.auth.AccessTokenVerifier;
import io.userpools.auth.AccessTokenVerifier.AccessContext;
import io.userpools.common.RequestLog;
import io.userpools.common.UserpoolsConfig;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.ratelimit.CallerRateLimit;
import io.userpools.ratelimit.RateLimiter;
import io.userpools.auth.GuardedCalls;
import io.userpools.auth.SignedToken;
import io.userpools.user.SelfAccess;
import jakarta.inject.Singleton;
import java.util.function.BiFunction;
import java.util.Map;

/**
 * What every AWS operation group shares: the rate limit of a signed call, the access token of a
 * self-service call, new output objects and the configured region. Rate limits: a signed operation
 * counts against its pool (or the deployment, for pool creation) once its input is valid, as the
 * REST facade's filter does; token operations after the token checks; sign-in flows (the Admin ones
 * too) inside the sign-in services, once the client's pool is known.
 */
@Singleton
public class AwsCalls {

    /** The routing context's entry for the access key id that signed the call. */
    static final String KEY_ID = "userpools.aws.key-id";

    private final AccessTokenVerifier tokens;
    private final GuardedCalls guarded;
    private final CallerRateLimit callerLimit;
    private final RateLimiter limiter;
    private final ObjectMapper json;
    private final String region;

    public AwsCalls(AccessTokenVerifier tokens, GuardedCalls guarded, CallerRateLimit callerLimit, RateLimiter limiter, ObjectMapper json,
            UserpoolsConfig config) {
        this.tokens = tokens;
        this.guarded = guarded;
        this.callerLimit = callerLimit;
        this.limiter = limiter;
        this.json = json;
        this.region = config.region();
    }

    /** Counts a signed call against its pool's limit (null: the deployment's), then runs it. */
    <T> Uni<T> limited(AwsOperations.Call call, String poolId, Uni<T> operation) {
        RequestLog.name(call.rc(), AwsResource.camel(call.name()), poolId);
        return limiter.check(poolId, AwsResource.camel(call.name())).chain(() -> operation);
    }

    /** The body's access token, verified as {@code /me} verifies it, then the pool's rate limit. */
    Uni<AccessContext> self(AwsOperations.Call call) {
        String token = call.input().string("AccessToken", AwsInput.TOKEN, true);
        call.input().check();
        CallerRateLimit.Bound limit = callerLimit.forCurrentRequest();
        return tokens.verify("Bearer " + token)
                .flatMap(context -> limit.check(context.pool().id()).replaceWith(context));
    }

    /**
     * A token operation whose statements carry the token's state conditions ({@link GuardedCalls}):
     * the token's signature and claims are checked here, the rate limit counts, and any failure
     * answers the token's state error first.
     */
    <T> Uni<T> guarded(AwsOperations.Call call, BiFunction<SignedToken, SelfAccess, Uni<T>> operation) {
        String token = call.input().string("AccessToken", AwsInput.TOKEN, true);
        call.input().check();
        CallerRateLimit.Bound limit = callerLimit.forCurrentRequest();
        return tokens.verifySigned("Bearer " + token).flatMap(signed -> guarded.run(signed,
                Uni.createFrom().deferred(() -> limit.check(signed.pool().id())), access -> operation.apply(signed, access)));
    }

    /** A new, empty output object. */
    ObjectNode out() {
        return json.createObjectNode();
    }

    /** The region this deployment answers for, as pool ids and ARNs carry it. */
    String region() {
        return region;
    }

    /** A parameter of an auth flow's map that the flow cannot do without. */
    static String required(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isEmpty()) {
            throw new InvalidParameterException("Missing required parameter " + name);
        }
        return value;
    }
}
