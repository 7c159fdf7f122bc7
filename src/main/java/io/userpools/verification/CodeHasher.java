package io.userpools.verification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes verification codes and their HMACs. A code is six digits from {@link SecureRandom}; only
 * HMAC-SHA256(key, pool | sub | attribute | target value | code) is stored, so a stolen table
 * yields neither codes nor a way to move a code to another user or value. Pure apart from the
 * random source.
 */
public final class CodeHasher {

    /** Minimum key size in bytes. */
    public static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final SecureRandom random;

    private CodeHasher(byte[] key, SecureRandom random) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.random = random;
    }

    /**
     * A hasher from a base64 key of at least 32 bytes.
     *
     * @throws IllegalStateException naming the property when the key is missing, not base64 or short
     */
    public static CodeHasher fromBase64(String property, String base64Key, SecureRandom random) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalStateException(property + " is not set: give a base64 key of at least "
                    + MIN_KEY_BYTES + " bytes (for example `openssl rand -base64 32`)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not valid base64");
        }
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalStateException(property + " must decode to at least " + MIN_KEY_BYTES
                    + " bytes, it has " + bytes.length);
        }
        return new CodeHasher(bytes, random);
    }

    /** A fresh six-digit code, leading zeros kept. */
    public String newCode() {
        return String.format("%06d", random.nextInt(1_000_000));
    }

    /** The HMAC that binds {@code code} to this pool, user, attribute and target value. */
    public byte[] hmac(String poolId, UUID sub, String attribute, String targetValue, String code) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            for (String part : new String[] {poolId, sub.toString(), attribute, targetValue}) {
                mac.update(part.getBytes(StandardCharsets.UTF_8));
                mac.update((byte) 0);
            }
            return mac.doFinal(code.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** Constant-time comparison of a stored HMAC with the HMAC of the offered code. */
    public boolean matches(byte[] stored, String poolId, UUID sub, String attribute, String targetValue,
            String offered) {
        return MessageDigest.isEqual(stored, hmac(poolId, sub, attribute, targetValue, offered));
    }
}
