package io.userpools.auth;

import io.userpools.common.SecretBox;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * The {@code session} string of an auth challenge: the pool, client, user and expiry, sealed by
 * {@link SecretBox} so that it can be neither read nor forged, and valid for three minutes
 * (Cognito's default). It is stateless; answering the NEW_PASSWORD_REQUIRED challenge changes the
 * user's status, which makes a replayed session useless.
 */
@Singleton
public class ChallengeSessions {

    public static final Duration VALIDITY = Duration.ofMinutes(3);
    private static final String CONTEXT = "auth-challenge";

    /** What a session string says. */
    public record Challenge(String poolId, String clientId, UUID sub, String username, Instant expiresAt) {
    }

    private final SecretBox box;
    private final Clock clock;

    public ChallengeSessions(SecretBox box, Clock clock) {
        this.box = box;
        this.clock = clock;
    }

    public String open(String poolId, String clientId, UUID sub, String username) {
        Instant expires = clock.instant().plus(VALIDITY);
        String plain = String.join("|", "v1", poolId, clientId, sub.toString(),
                Long.toString(expires.toEpochMilli()), username);
        byte[] sealed = box.seal(plain.getBytes(StandardCharsets.UTF_8), CONTEXT);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    /** The challenge a session string stands for, or null when it is not one of ours. */
    public Challenge read(String session) {
        if (session == null) {
            return null;
        }
        byte[] sealed;
        try {
            sealed = Base64.getUrlDecoder().decode(session);
        } catch (IllegalArgumentException e) {
            return null;
        }
        byte[] plain = box.open(sealed, CONTEXT);
        if (plain == null) {
            return null;
        }
        String[] parts = new String(plain, StandardCharsets.UTF_8).split("\\|", 6);
        if (parts.length != 6 || !parts[0].equals("v1")) {
            return null;
        }
        return new Challenge(parts[1], parts[2], UUID.fromString(parts[3]),
                parts[5], Instant.ofEpochMilli(Long.parseLong(parts[4])));
    }

    public boolean expired(Challenge challenge) {
        return !challenge.expiresAt().isAfter(clock.instant());
    }
}
