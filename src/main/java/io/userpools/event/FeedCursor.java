package io.userpools.event;

import io.userpools.common.error.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A position in a pool's event feed: the (transaction id, entry id) of the last entry handed out;
 * the feed goes on strictly after it. Handed to callers as an opaque text bound to its pool
 * (base64url of {@code ev1:<pool>:<tx>:<id>}). It is not sealed: it tells its holder nothing the
 * feed does not already show, a forged one only moves its holder's own place in the feed, and a
 * cursor a consumer keeps must stay good across restarts and key rotations. It never expires.
 */
public record FeedCursor(String poolId, String tx, long id) {

    /** Longest cursor text accepted (a pool id of 55 characters and two 20-digit numbers fit). */
    static final int MAX_TEXT = 160;
    public static final String INVALID = "Invalid cursor";
    private static final String VERSION = "ev1";
    private static final Pattern NUMBER = Pattern.compile("0|[1-9][0-9]{0,19}");

    /** The position before the pool's first entry. */
    public static FeedCursor start(String poolId) {
        return new FeedCursor(poolId, "0", 0);
    }

    /** The opaque text of this position. */
    public String text() {
        String plain = VERSION + ":" + poolId + ":" + tx + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position a cursor text names; the start of the feed when {@code text} is null or empty.
     *
     * @throws InvalidParameterException when the text is not a cursor, or is another pool's
     */
    public static FeedCursor parse(String poolId, String text) {
        if (text == null || text.isEmpty()) {
            return start(poolId);
        }
        if (text.length() > MAX_TEXT) {
            throw invalid();
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String[] parts = plain.split(":", -1);
        if (parts.length != 4 || !parts[0].equals(VERSION) || !parts[1].equals(poolId)
                || !NUMBER.matcher(parts[2]).matches() || !NUMBER.matcher(parts[3]).matches()) {
            throw invalid();
        }
        try {
            Long.parseUnsignedLong(parts[2]);
            return new FeedCursor(poolId, parts[2], Long.parseLong(parts[3]));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static InvalidParameterException invalid() {
        return new InvalidParameterException(INVALID + ": pass the cursor of an earlier answer of this pool's "
                + "event feed, or none to start at the beginning");
    }
}
