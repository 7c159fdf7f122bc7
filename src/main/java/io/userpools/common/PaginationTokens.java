package io.userpools.common;

import io.userpools.common.error.InvalidParameterException;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Page tokens of the listings (ListUsers [2.9], ListUserPools, ListUserPoolClients, a user's history): the position after which the next
 * page starts and the time of issue, sealed by {@link SecretBox} for one listing, so that a client
 * can neither read, forge nor extend a token, nor use one listing's token in another. A listing is
 * named by its purpose and owner ({@link #users(String)}, {@link #POOLS}). A token is good for one
 * hour after its issue (Cognito's lifetime for ListUsers, applied to ListUserPools too); time comes
 * from the injected {@link Clock}.
 */
@Singleton
public class PaginationTokens {

    public static final Duration VALIDITY = Duration.ofHours(1);
    /** The listing of all pools (ListUserPools); no pool id starts with this label. */
    public static final String POOLS = "list-user-pools";
    public static final String INVALID = "Invalid pagination token";
    static final String EXPIRED = "Pagination token has expired";
    private static final String VERSION = "v1";

    private final SecretBox box;
    private final Clock clock;

    public PaginationTokens(SecretBox box, Clock clock) {
        this.box = box;
        this.clock = clock;
    }

    /** The listing of {@code poolId}'s users (ListUsers). */
    public static String users(String poolId) {
        return "list-users|" + poolId;
    }

    /** The listing of {@code poolId}'s app clients (ListUserPoolClients). */
    public static String clients(String poolId) {
        return "list-user-pool-clients|" + poolId;
    }

    /** The change history of one user of {@code poolId} (by sub). */
    public static String history(String poolId, java.util.UUID sub) {
        return "user-history|" + poolId + "|" + sub;
    }

    /** A token, issued now, for the page of {@code listing} that follows {@code position}. */
    public String issue(String listing, String position) {
        String plain = VERSION + "|" + clock.millis() + "|" + position;
        byte[] sealed = box.seal(plain.getBytes(StandardCharsets.UTF_8), listing);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    /**
     * The token for the page after {@code page}, or null when it is the last: listings fetch one
     * row more than a page ({@code fetched}), so that a further row tells that more follow.
     *
     * @param page     the rows shown, at most a page
     * @param position a row's position in the listing's order
     */
    public <T> String after(String listing, List<T> page, int fetched, Function<T, String> position) {
        return fetched > page.size() ? issue(listing, position.apply(page.get(page.size() - 1))) : null;
    }

    /**
     * The position after which the next page of {@code listing} starts.
     *
     * @throws InvalidParameterException when the token is malformed, was altered, belongs to another
     *                                   listing, or was issued an hour ago or more
     */
    public String position(String listing, String token) {
        String[] parts = open(listing, token);
        if (parts == null) {
            throw new InvalidParameterException(INVALID);
        }
        Instant issued = Instant.ofEpochMilli(Long.parseLong(parts[1]));
        if (!issued.plus(VALIDITY).isAfter(clock.instant())) {
            throw new InvalidParameterException(EXPIRED);
        }
        return parts[2];
    }

    /** The version, issue time and position of a token sealed for this listing, or null. */
    private String[] open(String listing, String token) {
        byte[] plain;
        try {
            plain = box.open(Base64.getUrlDecoder().decode(token), listing);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        if (plain == null) {
            return null;
        }
        String[] parts = new String(plain, StandardCharsets.UTF_8).split("\\|", 3);
        return parts.length == 3 && parts[0].equals(VERSION) ? parts : null;
    }
}
