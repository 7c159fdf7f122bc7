package io.userpools.user;

import io.userpools.common.SecretBox;
import io.userpools.common.error.InvalidParameterException;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * ListUsers pagination tokens ([2.9]): the last user of a page and the time of issue, sealed by
 * {@link SecretBox} for one pool, so that a client can neither read, forge nor extend a token, nor
 * use one pool's token in another. A token is good for one hour after its issue (Cognito's
 * lifetime); time comes from the injected {@link Clock}.
 */
@Singleton
public class PaginationTokens {

    public static final Duration VALIDITY = Duration.ofHours(1);
    static final String INVALID = "Invalid pagination token";
    static final String EXPIRED = "Pagination token has expired";
    private static final String VERSION = "v1";

    private final SecretBox box;
    private final Clock clock;

    public PaginationTokens(SecretBox box, Clock clock) {
        this.box = box;
        this.clock = clock;
    }

    /** A token, issued now, for the page of {@code poolId}'s users that follows {@code after}. */
    public String issue(String poolId, UUID after) {
        String plain = VERSION + "|" + clock.millis() + "|" + after;
        byte[] sealed = box.seal(plain.getBytes(StandardCharsets.UTF_8), context(poolId));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    /**
     * The user after whom the next page of {@code poolId} starts.
     *
     * @throws InvalidParameterException when the token is malformed, was altered, belongs to another
     *                                   pool, or was issued an hour ago or more
     */
    public UUID after(String poolId, String token) {
        String[] parts = open(poolId, token);
        if (parts == null) {
            throw new InvalidParameterException(INVALID);
        }
        Instant issued = Instant.ofEpochMilli(Long.parseLong(parts[1]));
        if (!issued.plus(VALIDITY).isAfter(clock.instant())) {
            throw new InvalidParameterException(EXPIRED);
        }
        return UUID.fromString(parts[2]);
    }

    /** The version, issue time and user of a token sealed for this pool, or null. */
    private String[] open(String poolId, String token) {
        byte[] plain;
        try {
            plain = box.open(Base64.getUrlDecoder().decode(token), context(poolId));
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        if (plain == null) {
            return null;
        }
        String[] parts = new String(plain, StandardCharsets.UTF_8).split("\\|", -1);
        return parts.length == 3 && parts[0].equals(VERSION) ? parts : null;
    }

    private static String context(String poolId) {
        return "list-users|" + poolId;
    }
}
