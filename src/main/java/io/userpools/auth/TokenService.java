package io.userpools.auth;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.userpools.client.Client;
import io.userpools.common.UserpoolsConfig;
import io.userpools.pool.Pool;
import io.userpools.user.PoolUser;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * Issues tokens: RS256 JWTs signed with the pool's key (SmallRye JWT), and opaque refresh tokens
 * of 32 random bytes that are stored only as SHA-256 in a new session row.
 */
@Singleton
public class TokenService {

    /** The tokens of one authentication result; {@code refreshToken} is null on a refresh. */
    public record Tokens(String accessToken, String idToken, String refreshToken, long expiresIn) {
    }

    private final PoolKeys keys;
    private final SessionRepository sessions;
    private final UserpoolsConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TokenService(PoolKeys keys, SessionRepository sessions, UserpoolsConfig config, Clock clock) {
        this.keys = keys;
        this.sessions = sessions;
        this.config = config;
        this.clock = clock;
    }

    /** Starts a session for a user who just signed in: a refresh token, an access and an ID token. */
    public Uni<Tokens> startSession(Pool pool, Client client, PoolUser user) {
        return keys.signingKey(pool.id()).flatMap(key -> {
            Instant now = clock.instant();
            UUID originJti = UUID.randomUUID();
            String refreshToken = newRefreshToken();
            var session = new SessionRepository.Session(pool.id(), originJti, user.sub(), client.clientId(), now,
                    now.plusSeconds(client.settings().refreshTokenSeconds()), null);
            return sessions.insert(sessions.pool(), session, sha256(refreshToken))
                    .map(ignored -> sign(key, pool, client, user, originJti, now, now, refreshToken));
        });
    }

    /** New access and ID tokens for an existing session (REFRESH_TOKEN_AUTH). */
    public Uni<Tokens> continueSession(Pool pool, Client client, PoolUser user, SessionRepository.Session session) {
        return keys.signingKey(pool.id()).map(key ->
                sign(key, pool, client, user, session.originJti(), session.authTime(), clock.instant(), null));
    }

    private Tokens sign(PoolKeys.SigningKey key, Pool pool, Client client, PoolUser user, UUID originJti,
            Instant authTime, Instant now, String refreshToken) {
        var subject = new TokenClaims.Subject(Issuers.of(config.issuerBaseUrl(), pool.id()), client.clientId(),
                user.sub(), user.username(), originJti, UUID.randomUUID(), authTime, now);
        long accessSeconds = client.settings().accessTokenSeconds();
        String access = sign(key, TokenClaims.access(subject, accessSeconds, UUID.randomUUID()));
        String id = sign(key, TokenClaims.id(subject, client.settings().idTokenSeconds(), UUID.randomUUID(), pool,
                user.attributes(), client.settings().readAttributes()));
        return new Tokens(access, id, refreshToken, accessSeconds);
    }

    static String sign(PoolKeys.SigningKey key, Map<String, Object> claims) {
        return Jwt.claims(claims).jws().keyId(key.kid()).algorithm(SignatureAlgorithm.RS256).sign(key.privateKey());
    }

    private String newRefreshToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form of a refresh token. */
    public static byte[] sha256(String refreshToken) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(refreshToken.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
