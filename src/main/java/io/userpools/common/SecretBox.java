package io.userpools.common;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Encrypts secrets at rest (private signing keys, app client secrets) and the opaque strings handed
 * to clients (challenge sessions, pagination tokens) with AES-256-GCM under the key of
 * {@code userpools.token.key-encryption-key}. Each sealed value is {@code iv(12) || ciphertext+tag}
 * and bound to a context string (associated data), so a value sealed for one purpose or owner never
 * opens for another. Prod refuses to start without the key; other profiles fall back to a random
 * key per process, with a warning.
 */
@Singleton
public class SecretBox {

    private static final Logger LOG = Logger.getLogger(SecretBox.class);
    private static final int IV_LENGTH = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final SecretKey key;

    @Inject
    public SecretBox(UserpoolsConfig config) {
        this.key = config.token().keyEncryptionKey().map(SecretBox::parse).orElse(null);
    }

    /** A box with a fixed key, for unit tests. */
    public SecretBox(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    private static SecretKey parse(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("userpools.token.key-encryption-key is not valid base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("userpools.token.key-encryption-key must be base64 of exactly 32 bytes, not "
                    + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }

    void requireKeyInProd(@Observes StartupEvent event) {
        if (key == null && LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException("USERPOOLS_TOKEN_KEY_ENCRYPTION_KEY (userpools.token.key-encryption-key) "
                    + "is required: base64 of 32 random bytes, e.g. from `openssl rand -base64 32`");
        }
    }

    private SecretKey key() {
        if (key != null) {
            return key;
        }
        return Ephemeral.KEY;
    }

    /** Encrypts {@code plain}, bound to {@code context}. */
    public byte[] seal(byte[] plain, String context) {
        byte[] iv = new byte[IV_LENGTH];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(IV_LENGTH + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Decrypts a value sealed for {@code context}; null when it was tampered with or sealed for another. */
    public byte[] open(byte[] sealed, String context) {
        if (sealed == null || sealed.length < IV_LENGTH + TAG_BITS / 8) {
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, sealed, 0, IV_LENGTH));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, IV_LENGTH, sealed.length - IV_LENGTH);
        } catch (javax.crypto.AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** A per-process key for dev and test runs that configured none. */
    private static final class Ephemeral {
        static final SecretKey KEY;

        static {
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            KEY = new SecretKeySpec(raw, "AES");
            LOG.warn("No userpools.token.key-encryption-key: using a random key for this process only; "
                    + "signing keys and client secrets will not survive a restart");
        }
    }
}
