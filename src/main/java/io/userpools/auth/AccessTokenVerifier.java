package io.userpools.auth;

import io.smallrye.mutiny.Uni;
import io.userpools.client.Client;
import io.userpools.client.ClientService;
import io.userpools.common.UserpoolsConfig;
import io.userpools.common.error.CognitoException;
import io.userpools.common.error.NotAuthorizedException;
import io.userpools.common.error.PasswordResetRequiredException;
import io.userpools.common.error.ResourceNotFoundException;
import io.userpools.common.error.UserNotConfirmedException;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolService;
import io.userpools.user.PoolUser;
import io.userpools.user.UserAccountRepository;
import io.userpools.user.UserLookup;
import io.userpools.user.UserStatus;
import jakarta.inject.Singleton;
import com.github.benmanes.caffeine.cache.Cache;
import io.userpools.common.Caches;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Clock;
import java.util.Arrays;
import java.util.UUID;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.JoseException;

/**
 * Checks an access token of a self-service call in Cognito's order (behaviour spec 2.1):
 * (1) malformed, bad signature, an algorithm other than RS256, an unknown {@code kid}, a foreign
 * issuer or pool, an unknown client, or not an access token: {@code Invalid Access Token};
 * (2) expired ({@link #verifySigned}, no database read); (3) revoked (its session revoked, or started before the user's last global
 * sign-out); (4) scope; (5) user gone; (6) disabled; (7) RESET_REQUIRED; (8) UNCONFIRMED.
 * Signatures are verified with jose4j. The session and user are read from the database on every
 * call, so a revocation counts at once on every replica. It runs as the identity provider of
 * {@link AccessTokenMechanism}; {@link SelfCaller} then counts the call against the pool's limit.
 */
@Singleton
public class AccessTokenVerifier {

    public static final String INVALID = "Invalid Access Token";
    public static final String EXPIRED = "Access Token has expired";
    public static final String REVOKED = "Access Token has been revoked";
    public static final String SCOPES = "Access Token does not have required scopes";

    /** A verified token: its pool, client, user and session. */
    public record AccessContext(Pool pool, Client client, PoolUser user, UUID originJti, String jti) {
    }

    /** What a token says, once its shape is checked (its signature not yet). */
    private record Parsed(String kid, String poolId, UUID sub, UUID originJti, String clientId, long expiresAtMillis,
            String jti, String username, boolean hasScope) {
    }

    /** A token whose signature was verified with {@code key} (the key object {@link PoolKeys} holds). */
    private record Verified(Parsed parsed, PublicKey key) {
    }

    /** Tokens kept at most this long after their signature was verified (they expire sooner anyway). */
    private static final Duration SIGNATURE_TTL = Duration.ofMinutes(10);

    private final PoolService pools;
    private final ClientService clients;
    private final PoolKeys keys;
    private final UserAccountRepository accounts;
    private final UserpoolsConfig config;
    private final Clock clock;
    /**
     * Tokens whose signature verified, with the key it verified with: a hit counts only while the
     * pool still answers that very key object for the token's {@code kid}, so no entry outlives a
     * key change. Revocation and the user's state are never cached (read on every call).
     */
    private final Cache<String, Verified> signatures;

    public AccessTokenVerifier(PoolService pools, ClientService clients, PoolKeys keys, UserAccountRepository accounts,
            UserpoolsConfig config, Clock clock) {
        this.pools = pools;
        this.clients = clients;
        this.keys = keys;
        this.accounts = accounts;
        this.config = config;
        this.clock = clock;
        this.signatures = Caches.fresh(clock, SIGNATURE_TTL, 20_000);
    }

    /**
     * Verifies the bearer token of an {@code Authorization} header, every check: {@link #verifySigned}
     * then {@link #state}.
     *
     * @throws NotAuthorizedException (401) for a missing, invalid, expired or revoked token, one
     *                                without the scope, or a disabled user
     * @throws io.userpools.common.error.UserNotFoundException when the user no longer exists
     * @throws PasswordResetRequiredException for a user in RESET_REQUIRED
     * @throws UserNotConfirmedException for an UNCONFIRMED user
     */
    public Uni<AccessContext> verify(String authorization) {
        return verifySigned(authorization).flatMap(this::state);
    }

    /**
     * The checks that need no user state (1, 2): shape, signature, issuer and pool, token use,
     * client, expiry. The state checks (3 to 8) are the caller's: {@link #state}, or a statement
     * that carries them ({@link io.userpools.user.SessionGuard}). A verified signature is
     * remembered for the token ({@link #signatures}), bound to the key object it was verified with.
     *
     * @throws NotAuthorizedException (401) for a missing, invalid or expired token
     */
    public Uni<SignedToken> verifySigned(String authorization) {
        String token = Bearer.token(authorization);
        if (token == null) {
            return Uni.createFrom().failure(new NotAuthorizedException(INVALID));
        }
        Verified known = signatures.getIfPresent(token);
        Parsed parsed = known != null ? known.parsed() : parse(token);
        if (parsed == null) {
            return Uni.createFrom().failure(new NotAuthorizedException(INVALID));
        }
        return pools.get(parsed.poolId())
                .onFailure(ResourceNotFoundException.class).transform(e -> new NotAuthorizedException(INVALID))
                .flatMap(pool -> keys.publicKey(pool.id(), parsed.kid())
                        .flatMap(key -> {
                            if (known == null || known.key() != key) {
                                verifySignature(token, key);
                                signatures.put(token, new Verified(parsed, key));
                            }
                            return clients.get(parsed.clientId())
                                    .onFailure(ResourceNotFoundException.class)
                                    .transform(e -> new NotAuthorizedException(INVALID))
                                    .map(client -> {
                                        if (!client.poolId().equals(pool.id())) {
                                            throw new NotAuthorizedException(INVALID);
                                        }
                                        if (clock.millis() >= parsed.expiresAtMillis()) {
                                            throw new NotAuthorizedException(EXPIRED);
                                        }
                                        return new SignedToken(pool, client, parsed.sub(), parsed.originJti(),
                                                parsed.jti(), parsed.username(), parsed.hasScope());
                                    });
                        }));
    }

    /**
     * The state checks of a token whose signature is verified, in Cognito's order: revoked, scope,
     * user gone, disabled, RESET_REQUIRED, UNCONFIRMED; one read of the user and session.
     *
     * @throws NotAuthorizedException, UserNotFoundException, PasswordResetRequiredException,
     *         UserNotConfirmedException as {@link #verify} says
     */
    public Uni<AccessContext> state(SignedToken token) {
        return accounts.findWithSession(token.pool().id(), token.sub(), token.originJti(), token.client().clientId())
                .map(state -> {
            if (state != null && !state.clientFound()) {
                // deleted on another replica, whose deletion this replica's client cache has not seen yet
                throw new NotAuthorizedException(INVALID);
            }
            if (state != null && revoked(state)) {
                throw new NotAuthorizedException(REVOKED);
            }
            if (!token.hasScope()) {
                throw new NotAuthorizedException(SCOPES);
            }
            if (state == null) {
                throw UserLookup.notFound();
            }
            PoolUser user = state.user();
            if (!user.enabled()) {
                throw new NotAuthorizedException("User is disabled.");
            }
            if (user.status() == UserStatus.RESET_REQUIRED) {
                throw new PasswordResetRequiredException("Password reset required for the user");
            }
            if (user.status() == UserStatus.UNCONFIRMED) {
                throw new UserNotConfirmedException("User is not confirmed.");
            }
            return new AccessContext(token.pool(), token.client(), user, token.originJti(), token.jti());
        });
    }

    /** Step 1 before any lookup: the token's shape and the claims it needs. Null when invalid. */
    private Parsed parse(String token) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(token);
            if (!AlgorithmIdentifiers.RSA_USING_SHA256.equals(jws.getAlgorithmHeaderValue())) {
                return null;
            }
            JwtClaims claims = JwtClaims.parse(jws.getUnverifiedPayload());
            String poolId = Issuers.poolIdOf(config.issuerBaseUrl(), claims.getIssuer());
            if (poolId == null || !"access".equals(claims.getClaimValue("token_use"))
                    || claims.getClaimValue("aud") != null) {
                return null;
            }
            UUID sub = UUID.fromString(claims.getSubject());
            UUID originJti = UUID.fromString(claims.getStringClaimValue("origin_jti"));
            NumericDate exp = claims.getExpirationTime();
            String clientId = claims.getStringClaimValue("client_id");
            if (exp == null || clientId == null) {
                return null;
            }
            return new Parsed(jws.getKeyIdHeaderValue(), poolId, sub, originJti, clientId, exp.getValueInMillis(),
                    jti(claims), username(claims), hasScope(claims));
        } catch (JoseException | InvalidJwtException | MalformedClaimException | IllegalArgumentException
                | NullPointerException e) {
            return null;
        }
    }

    /** Verifies the token's signature with the pool's key (RS256 only). */
    private static void verifySignature(String token, PublicKey key) {
        if (key == null) {
            throw new NotAuthorizedException(INVALID);
        }
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                    AlgorithmIdentifiers.RSA_USING_SHA256));
            jws.setCompactSerialization(token);
            jws.setKey(key);
            if (!jws.verifySignature()) {
                throw new NotAuthorizedException(INVALID);
            }
        } catch (JoseException e) {
            throw new NotAuthorizedException(INVALID);
        }
    }

    private static boolean revoked(UserAccountRepository.UserSession state) {
        if (!state.sessionFound() || state.sessionRevokedAt() != null) {
            return true;
        }
        var signedOutAt = state.user().signedOutAt();
        return signedOutAt != null && !state.sessionAuthTime().isAfter(signedOutAt);
    }

    private static boolean hasScope(JwtClaims claims) {
        Object scope = claims.getClaimValue("scope");
        return scope instanceof String s && Arrays.asList(s.split(" ")).contains(TokenClaims.SCOPE);
    }

    private static String username(JwtClaims claims) {
        return claims.getClaimValue("username") instanceof String name ? name : null;
    }

    private static String jti(JwtClaims claims) {
        try {
            return claims.getJwtId();
        } catch (MalformedClaimException e) {
            return null;
        }
    }
}
