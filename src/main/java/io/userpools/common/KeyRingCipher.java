package io.userpools.common;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM under a {@link KeyRing}. A sealed value is {@code tag || iv(12) || ciphertext+tag},
 * sealed with the ring's current key; the key tag and the caller's associated data are both
 * authenticated. Opening tries the key the tag names, then the ring's other keys, then (for values
 * sealed before key rings: {@code iv || ciphertext+tag}, no key tag) every key on the whole value.
 * Pure apart from the IV source.
 */
public final class KeyRingCipher {

    /** An opened value and whether it should be sealed again under the current key. */
    public record Opened(byte[] plain, String keyId, boolean stale) {
    }

    private static final int IV_LENGTH = 12;
    private static final int TAG_BITS = 128;

    private final KeyRing ring;
    private final SecureRandom random;

    public KeyRingCipher(KeyRing ring, SecureRandom random) {
        this.ring = ring;
        this.random = random;
    }

    public KeyRing ring() {
        return ring;
    }

    /** Encrypts {@code plain} with the current key, bound to {@code associatedData}. */
    public byte[] seal(byte[] plain, byte[] associatedData) {
        KeyRing.Key key = ring.current();
        byte[] tag = key.tag();
        byte[] iv = new byte[IV_LENGTH];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.material(), "AES"), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(tag);
            cipher.updateAAD(associatedData);
            return KeyRing.prefixed(KeyRing.prefixed(tag, iv), cipher.doFinal(plain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * Decrypts a value sealed for {@code associatedData} by any key of the ring, tagged or from
     * before key rings; null when no key opens it (tampered, sealed for another purpose, or by a
     * key no longer in the ring).
     */
    public Opened open(byte[] sealed, byte[] associatedData) {
        if (sealed == null) {
            return null;
        }
        KeyRing.Tagged tagged = KeyRing.tagged(sealed);
        if (tagged != null) {
            byte[] tag = Arrays.copyOf(sealed, tagged.bodyOffset());
            for (KeyRing.Key key : ring.candidates(tagged.keyId())) {
                byte[] plain = decrypt(key, sealed, tagged.bodyOffset(), tag, associatedData);
                if (plain != null) {
                    return new Opened(plain, key.id(), key != ring.current() || !key.id().equals(tagged.keyId()));
                }
            }
        }
        for (KeyRing.Key key : ring.keys()) {
            byte[] plain = decrypt(key, sealed, 0, new byte[0], associatedData);
            if (plain != null) {
                return new Opened(plain, key.id(), true);
            }
        }
        return null;
    }

    private static byte[] decrypt(KeyRing.Key key, byte[] sealed, int offset, byte[] tag, byte[] associatedData) {
        if (sealed.length - offset < IV_LENGTH + TAG_BITS / 8) {
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.material(), "AES"),
                    new GCMParameterSpec(TAG_BITS, sealed, offset, IV_LENGTH));
            cipher.updateAAD(tag);
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, offset + IV_LENGTH, sealed.length - offset - IV_LENGTH);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }
}
