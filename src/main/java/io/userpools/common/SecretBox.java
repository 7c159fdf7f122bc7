package io.userpools.common;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.jboss.logging.Logger;

/**
 * Encrypts secrets at rest (private signing keys, app client secrets) and the opaque strings handed
 * to clients (challenge sessions, pagination tokens) with AES-256-GCM under the key ring of
 * {@code userpools.token.key-encryption-key} ({@link KeyRingCipher}: each value names the key that
 * sealed it, and values of older keys of the ring still open). Each sealed value is bound to a
 * context string (associated data), so a value sealed for one purpose or owner never opens for
 * another. Prod refuses to start without the key; other profiles fall back to a random key per
 * process, with a warning.
 */
@Singleton
public class SecretBox {

    private static final Logger LOG = Logger.getLogger(SecretBox.class);

    private final KeyRingCipher cipher;

    @Inject
    public SecretBox(KeyRings rings) {
        this.cipher = rings.token().map(ring -> new KeyRingCipher(ring, new SecureRandom())).orElse(null);
    }

    /** A box with a fixed key, for unit tests. */
    public SecretBox(byte[] key) {
        this(KeyRing.of(key));
    }

    /** A box with a fixed ring, for unit tests. */
    public SecretBox(KeyRing ring) {
        this.cipher = new KeyRingCipher(ring, new SecureRandom());
    }

    void requireKeyInProd(@Observes StartupEvent event) {
        if (cipher == null && LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException("USERPOOLS_TOKEN_KEY_ENCRYPTION_KEY (userpools.token.key-encryption-key) "
                    + "is required: base64 of 32 random bytes, e.g. from `openssl rand -base64 32`");
        }
    }

    private KeyRingCipher cipher() {
        return cipher != null ? cipher : Ephemeral.CIPHER;
    }

    /** The ring in use (its ids and the current key's tag). */
    public KeyRing ring() {
        return cipher().ring();
    }

    /** Encrypts {@code plain} with the current key, bound to {@code context}. */
    public byte[] seal(byte[] plain, String context) {
        return cipher().seal(plain, context.getBytes(StandardCharsets.UTF_8));
    }

    /** Decrypts a value sealed for {@code context}; null when it was tampered with or sealed for another. */
    public byte[] open(byte[] sealed, String context) {
        KeyRingCipher.Opened opened = unseal(sealed, context);
        return opened == null ? null : opened.plain();
    }

    /**
     * Decrypts a value sealed for {@code context} and says whether an old key sealed it; null when
     * no key of the ring opens it.
     */
    public KeyRingCipher.Opened unseal(byte[] sealed, String context) {
        return cipher().open(sealed, context.getBytes(StandardCharsets.UTF_8));
    }

    /** The value sealed again under the current key; null when no key of the ring opens it. */
    public byte[] reseal(byte[] sealed, String context) {
        KeyRingCipher.Opened opened = unseal(sealed, context);
        return opened == null ? null : seal(opened.plain(), context);
    }

    /** A per-process key for dev and test runs that configured none. */
    private static final class Ephemeral {
        static final KeyRingCipher CIPHER;

        static {
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            CIPHER = new KeyRingCipher(KeyRing.of(raw), new SecureRandom());
            LOG.warn("No userpools.token.key-encryption-key: using a random key for this process only; "
                    + "signing keys and client secrets will not survive a restart");
        }
    }
}
