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
import java.security.PublicKey;
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
 * (2) expired; (3) revoked (its session revoked, or started before the user's last global
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

    private record Parsed(JsonWebSignature jws, JwtClaims claims, String poolId, UUID sub, UUID originJti) {
    }

    private final PoolService pools;
    private final ClientService clients;
    private final PoolKeys keys;
    private final UserAccountRepository accounts;
    private final UserpoolsConfig config;
    private final Clock clock;

    public AccessTokenVerifier(PoolService pools, ClientService clients, PoolKeys keys, UserAccountRepository accounts,
            UserpoolsConfig config, Clock clock) {
        this.pools = pools;
        this.clients = clients;
        this.keys = keys;
        this.accounts = accounts;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Verifies the bearer token of an {@code Authorization} header.
     *
     * @throws NotAuthorizedException (401) for a missing, invalid, expired or revoked token, one
     *                                without the scope, or a disabled user
     * @throws io.userpools.common.error.UserNotFoundException when the user no longer exists
     * @throws PasswordResetRequiredException for a user in RESET_REQUIRED
     * @throws UserNotConfirmedException for an UNCONFIRMED user
     */
    public Uni<AccessContext> verify(String authorization) {
        String token = Bearer.token(authorization);
        if (token == null) {
            return Uni.createFrom().failure(new NotAuthorizedException(INVALID));
        }
        Parsed parsed = parse(token);
        if (parsed == null) {
            return Uni.createFrom().failure(new NotAuthorizedException(INVALID));
        }
        return pools.get(parsed.poolId())
                .onFailure(ResourceNotFoundException.class).transform(e -> new NotAuthorizedException(INVALID))
                .flatMap(pool -> keys.publicKey(pool.id(), parsed.jws().getKeyIdHeaderValue())
                        .flatMap(key -> {
                            String clientId = signedClientId(parsed, key);
                            return clients.get(clientId)
                                    .onFailure(ResourceNotFoundException.class)
                                    .transform(e -> new NotAuthorizedException(INVALID))
                                    .flatMap(client -> client.poolId().equals(pool.id())
                                            ? check(pool, client, parsed)
                                            : Uni.createFrom().failure(new NotAuthorizedException(INVALID)));
                        }));
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
            if (claims.getExpirationTime() == null || claims.getStringClaimValue("client_id") == null) {
                return null;
            }
            return new Parsed(jws, claims, poolId, sub, originJti);
        } catch (JoseException | InvalidJwtException | MalformedClaimException | IllegalArgumentException
                | NullPointerException e) {
            return null;
        }
    }

    /** The client id once the signature is verified with the pool's key (RS256 only). */
    private static String signedClientId(Parsed parsed, PublicKey key) {
        if (key == null) {
            throw new NotAuthorizedException(INVALID);
        }
        try {
            JsonWebSignature jws = parsed.jws();
            jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                    AlgorithmIdentifiers.RSA_USING_SHA256));
            jws.setKey(key);
            if (!jws.verifySignature()) {
                throw new NotAuthorizedException(INVALID);
            }
            return parsed.claims().getStringClaimValue("client_id");
        } catch (JoseException | MalformedClaimException e) {
            throw new NotAuthorizedException(INVALID);
        }
    }

    private Uni<AccessContext> check(Pool pool, Client client, Parsed parsed) {
        try {
            NumericDate exp = parsed.claims().getExpirationTime();
            if (!NumericDate.fromMilliseconds(clock.millis()).isBefore(exp)) {
                throw new NotAuthorizedException(EXPIRED);
            }
        } catch (MalformedClaimException e) {
            return Uni.createFrom().failure(new NotAuthorizedException(INVALID));
        } catch (CognitoException e) {
            return Uni.createFrom().failure(e);
        }
        return accounts.findWithSession(pool.id(), parsed.sub(), parsed.originJti()).map(state -> {
            if (state != null && revoked(state)) {
                throw new NotAuthorizedException(REVOKED);
            }
            if (!hasScope(parsed.claims())) {
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
            return new AccessContext(pool, client, user, parsed.originJti(), jti(parsed.claims()));
        });
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

    private static String jti(JwtClaims claims) {
        try {
            return claims.getJwtId();
        } catch (MalformedClaimException e) {
            return null;
        }
    }
}
