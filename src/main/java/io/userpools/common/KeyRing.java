package io.userpools.common;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of one secret: the current key, which seals (or signs) everything new, and older keys
 * kept only to open (or verify) what they sealed before a rotation. Each key has an id: the one
 * configured, or else one derived from the key (so that a key keeps its id when it moves from
 * current to old without the operator naming it). Ids are not secret and may be logged; keys never
 * appear in a message or log.
 *
 * <p>Every value sealed or signed under a ring starts with its tag, {@link #VERSION}, the id's
 * length (one byte) and the id in ASCII, so that it names the key that opens it. Values written
 * before key rings existed have no tag; they still open with any key of the ring (see the users of
 * {@link #tagged(byte[])}).
 */
public final class KeyRing {

    /** The first byte of a tagged value: the format of the tag that follows. */
    public static final byte VERSION = 1;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    /** One key: its id (loggable) and its bytes (never shown). */
    public record Key(String id, byte[] material) {

        /** The tag that starts every value sealed or signed with this key. */
        public byte[] tag() {
            byte[] id = this.id.getBytes(StandardCharsets.US_ASCII);
            byte[] tag = new byte[2 + id.length];
            tag[0] = VERSION;
            tag[1] = (byte) id.length;
            System.arraycopy(id, 0, tag, 2, id.length);
            return tag;
        }

        @Override
        public String toString() {
            return "Key[" + id + "]";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && k.id.equals(id) && MessageDigest.isEqual(k.material, material);
        }

        @Override
        public int hashCode() {
            return id.hashCode();
        }
    }

    /** A tagged value split: the key id it names and where the sealed or signed part starts. */
    public record Tagged(String keyId, int bodyOffset) {
    }

    private final Key current;
    private final List<Key> keys;

    private KeyRing(Key current, List<Key> keys) {
        this.current = current;
        this.keys = List.copyOf(keys);
    }

    /** A ring of one key, with its derived id (unit tests, a process-local key). */
    public static KeyRing of(byte[] key) {
        byte[] material = key.clone();
        Key only = new Key(derivedId(material), material);
        return new KeyRing(only, List.of(only));
    }

    /**
     * A ring from configuration.
     *
     * @param property  the current key's property, named in every error
     * @param current   base64 of the current key
     * @param currentId the current key's id; derived from the key when empty
     * @param older     older keys as {@code id:base64} or {@code base64} (id derived), open or verify only
     * @param minBytes  the least a key may have
     * @param maxBytes  the most a key may have
     * @throws IllegalStateException naming the property (never a key) when a key is missing, not
     *                               base64, of the wrong size, or an id is malformed or names two keys
     */
    public static KeyRing parse(String property, String current, Optional<String> currentId,
            Optional<List<String>> older, int minBytes, int maxBytes) {
        if (current == null || current.isBlank()) {
            throw new IllegalStateException(property + " is not set: give a base64 key of " + size(minBytes, maxBytes)
                    + " (for example `openssl rand -base64 32`)");
        }
        byte[] material = decode(property, current, minBytes, maxBytes);
        Key first = new Key(checkedId(property + "-id", currentId.map(String::trim).orElse(derivedId(material))),
                material);
        List<Key> keys = new ArrayList<>(List.of(first));
        String olderProperty = "the old keys of " + property;
        for (String entry : older.orElse(List.of())) {
            String text = entry.trim();
            if (text.isEmpty()) {
                continue;
            }
            int colon = text.indexOf(':');
            byte[] bytes = decode(olderProperty, colon < 0 ? text : text.substring(colon + 1), minBytes, maxBytes);
            Key key = new Key(checkedId(olderProperty, colon < 0 ? derivedId(bytes) : text.substring(0, colon)), bytes);
            add(olderProperty, keys, key);
        }
        return new KeyRing(first, keys);
    }

    private static void add(String property, List<Key> keys, Key key) {
        for (Key known : keys) {
            if (MessageDigest.isEqual(known.material(), key.material())) {
                return; // the same key listed again (for example still among the old after it became current)
            }
            if (known.id().equals(key.id())) {
                throw new IllegalStateException(property + ": the id " + key.id() + " names two different keys");
            }
        }
        keys.add(key);
    }

    private static byte[] decode(String property, String base64, int minBytes, int maxBytes) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not valid base64");
        }
        if (bytes.length < minBytes || bytes.length > maxBytes) {
            throw new IllegalStateException(property + " must decode to " + size(minBytes, maxBytes) + ", it has "
                    + bytes.length);
        }
        return bytes;
    }

    private static String size(int min, int max) {
        return min == max ? "exactly " + min + " bytes" : "at least " + min + " bytes";
    }

    private static String checkedId(String property, String id) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalStateException(property + ": a key id is 1 to 32 of A-Z a-z 0-9 . _ -");
        }
        return id;
    }

    /** The id of a key nobody named: 8 hex digits of an HMAC of a fixed label under the key. */
    static String derivedId(byte[] material) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(material, "HmacSHA256"));
            byte[] digest = mac.doFinal("userpools key id".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** The key that seals or signs new values. */
    public Key current() {
        return current;
    }

    /** Every key, the current one first. */
    public List<Key> keys() {
        return keys;
    }

    /** The ids of the keys that only open or verify. */
    public List<String> oldIds() {
        return keys.stream().skip(1).map(Key::id).toList();
    }

    /**
     * The keys to try on a value tagged with {@code keyId}: that key first, then the others (an id
     * is a label the operator gives, and a relabelled key must not lose its data).
     */
    public List<Key> candidates(String keyId) {
        List<Key> ordered = new ArrayList<>(keys.size());
        keys.stream().filter(k -> k.id().equals(keyId)).forEach(ordered::add);
        keys.stream().filter(k -> !k.id().equals(keyId)).forEach(ordered::add);
        return ordered;
    }

    /**
     * The tag at the start of {@code value}, or null when it has none (a value written before key
     * rings, or not one of ours). A legacy value may by chance look tagged; its users then try it
     * both ways.
     */
    public static Tagged tagged(byte[] value) {
        if (value == null || value.length < 3 || value[0] != VERSION) {
            return null;
        }
        int length = value[1] & 0xff;
        if (length == 0 || length > 32 || value.length < 2 + length) {
            return null;
        }
        String id = new String(value, 2, length, StandardCharsets.US_ASCII);
        return ID.matcher(id).matches() ? new Tagged(id, 2 + length) : null;
    }

    /** Whether {@code value} carries the current key's tag (and so needs no re-sealing). */
    public boolean isCurrent(byte[] value) {
        byte[] tag = current.tag();
        return value != null && value.length >= tag.length && Arrays.equals(value, 0, tag.length, tag, 0, tag.length);
    }

    /** {@code tag || body}. */
    public static byte[] prefixed(byte[] tag, byte[] body) {
        byte[] out = Arrays.copyOf(tag, tag.length + body.length);
        System.arraycopy(body, 0, out, tag.length, body.length);
        return out;
    }

    @Override
    public String toString() {
        return "KeyRing[current " + current.id() + (keys.size() > 1 ? ", old " + String.join(", ", oldIds()) : "") + "]";
    }
}
