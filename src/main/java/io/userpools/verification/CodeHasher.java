package io.userpools.verification;

import io.userpools.common.KeyRing;
import io.userpools.common.KeyRings;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes verification codes and their HMACs. A code is six digits from {@link SecureRandom}; only
 * HMAC-SHA256(key, pool | sub | attribute | target value | code) is stored, so a stolen table
 * yields neither codes nor a way to move a code to another user or value. The HMAC is made with the
 * current key of the {@code userpools.codes.hmac-key} ring and stored behind that key's tag
 * ({@link KeyRing}); a code stored under an older key of the ring, or before key rings (a bare
 * 32-byte HMAC), still verifies. Such a code cannot be re-made under the new key (only its HMAC is
 * kept): it lasts its 24 hours. Pure apart from the random source.
 */
public final class CodeHasher {

    /** Minimum key size in bytes. */
    public static final int MIN_KEY_BYTES = KeyRings.MIN_HMAC_BYTES;
    private static final String ALGORITHM = "HmacSHA256";
    private static final int HMAC_BYTES = 32;

    private final KeyRing ring;
    private final SecureRandom random;

    public CodeHasher(KeyRing ring, SecureRandom random) {
        this.ring = ring;
        this.random = random;
    }

    /**
     * A hasher from one base64 key of at least 32 bytes.
     *
     * @throws IllegalStateException naming the property when the key is missing, not base64 or short
     */
    public static CodeHasher fromBase64(String property, String base64Key, SecureRandom random) {
        return new CodeHasher(KeyRing.parse(property, base64Key, Optional.empty(), Optional.empty(), MIN_KEY_BYTES,
                1024), random);
    }

    /** The ring in use. */
    public KeyRing ring() {
        return ring;
    }

    /** A fresh six-digit code, leading zeros kept. */
    public String newCode() {
        return String.format("%06d", random.nextInt(1_000_000));
    }

    /**
     * The value to store: the current key's tag and the HMAC, under that key, that binds
     * {@code code} to this pool, user, attribute and target value.
     */
    public byte[] hmac(String poolId, UUID sub, String attribute, String targetValue, String code) {
        KeyRing.Key current = ring.current();
        return KeyRing.prefixed(current.tag(), hmac(current, poolId, sub, attribute, targetValue, code));
    }

    private static byte[] hmac(KeyRing.Key key, String poolId, UUID sub, String attribute, String targetValue,
            String code) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.material(), ALGORITHM));
            for (String part : new String[] {poolId, sub.toString(), attribute, targetValue}) {
                mac.update(part.getBytes(StandardCharsets.UTF_8));
                mac.update((byte) 0);
            }
            return mac.doFinal(code.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /**
     * Constant-time comparison of a stored HMAC with the HMAC of the offered code, under the key its
     * tag names, else under each key of the ring (a relabelled key, or an HMAC stored untagged before
     * key rings).
     */
    public boolean matches(byte[] stored, String poolId, UUID sub, String attribute, String targetValue,
            String offered) {
        if (stored == null) {
            return false;
        }
        KeyRing.Tagged tagged = stored.length == HMAC_BYTES ? null : KeyRing.tagged(stored);
        byte[] mac = tagged == null ? stored : Arrays.copyOfRange(stored, tagged.bodyOffset(), stored.length);
        List<KeyRing.Key> keys = tagged == null ? ring.keys() : ring.candidates(tagged.keyId());
        boolean matched = false;
        for (KeyRing.Key key : keys) {
            matched |= MessageDigest.isEqual(mac, hmac(key, poolId, sub, attribute, targetValue, offered));
        }
        return matched;
    }
}
