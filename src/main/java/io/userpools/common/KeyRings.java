package io.userpools.common;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The three key rings built from {@link KeyRingsConfig}, once, with their ids logged (never their
 * keys). A malformed key or id stops the start with a message naming the property.
 */
@Singleton
public class KeyRings {

    private static final Logger LOG = Logger.getLogger(KeyRings.class);
    private static final int AES_BYTES = 32;
    /** The least an HMAC key may have; an HMAC-SHA256 key longer than its block is hashed, so 64 is ample. */
    public static final int MIN_HMAC_BYTES = 32;

    private final KeyRingsConfig config;

    public KeyRings(KeyRingsConfig config) {
        this.config = config;
    }

    /** The key-encryption key ring; empty when no current key is configured (dev and test only). */
    public Optional<KeyRing> token() {
        KeyRingsConfig.TokenRing token = config.token();
        return token.keyEncryptionKey().map(current -> logged("token", KeyRing.parse("userpools.token.key-encryption-key",
                current, token.keyEncryptionKeyId(), token.oldKeyEncryptionKeys(), AES_BYTES, AES_BYTES)));
    }

    /** The verification codes' HMAC ring. */
    public KeyRing codes() {
        KeyRingsConfig.CodesRing codes = config.codes();
        return logged("codes", KeyRing.parse("userpools.codes.hmac-key", codes.hmacKey().orElse(null),
                codes.hmacKeyId(), codes.oldHmacKeys(), MIN_HMAC_BYTES, 1024));
    }

    /** The outbox encryption key ring. */
    public KeyRing outbox() {
        KeyRingsConfig.OutboxRing outbox = config.outbox();
        return logged("outbox", KeyRing.parse("userpools.outbox.encryption-key", outbox.encryptionKey().orElse(null),
                outbox.encryptionKeyId(), outbox.oldEncryptionKeys(), AES_BYTES, AES_BYTES));
    }

    public boolean resealAtStart() {
        return config.keys().resealAtStart();
    }

    /** Logs the ids: at INFO while a rotation is under way (old keys configured), else at DEBUG. */
    private static KeyRing logged(String name, KeyRing ring) {
        LOG.logf(ring.oldIds().isEmpty() ? Logger.Level.DEBUG : Logger.Level.INFO, "%s key ring: current key %s%s", name, ring.current().id(),
                ring.oldIds().isEmpty() ? "" : ", old keys " + String.join(", ", ring.oldIds()));
        return ring;
    }
}
