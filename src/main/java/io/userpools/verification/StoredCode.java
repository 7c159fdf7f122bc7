package io.userpools.verification;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The live verification code of one user and attribute, as stored (HMAC only).
 *
 * @param targetValue the value the code verifies (the active value or the pending one)
 * @param consumedAt  set once the code was used; a used code never verifies again
 */
public record StoredCode(String poolId, UUID sub, String attribute, byte[] codeHmac, String targetValue,
        Instant createdAt, Instant expiresAt, Instant consumedAt) {

    /** Codes are valid for 24 hours, not configurable ([3.4]). */
    public static final Duration VALIDITY = Duration.ofHours(24);

    /** A fresh code row issued at {@code now}. */
    public static StoredCode issue(String poolId, UUID sub, String attribute, byte[] hmac, String target,
            Instant now) {
        return issue(poolId, sub, attribute, hmac, target, now, VALIDITY);
    }

    /** A fresh code row issued at {@code now}, valid for {@code validity}. */
    public static StoredCode issue(String poolId, UUID sub, String attribute, byte[] hmac, String target,
            Instant now, Duration validity) {
        return new StoredCode(poolId, sub, attribute, hmac, target, now, now.plus(validity), null);
    }

    /** True when the code can no longer be used: consumed, or at or after its expiry. */
    public boolean spentOrExpired(Instant now) {
        return consumedAt != null || !now.isBefore(expiresAt);
    }
}
