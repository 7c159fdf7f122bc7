package io.userpools.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * Key rotation: the id of each secret's current key and the older keys kept to open (or verify)
 * what they sealed. The current keys themselves stay where they were
 * ({@code userpools.token.key-encryption-key}, {@code userpools.codes.hmac-key},
 * {@code userpools.outbox.encryption-key}); each is required as before. An old key is written
 * {@code id:base64}, or {@code base64} alone (its id is then derived from the key), comma-separated.
 */
@ConfigMapping(prefix = "userpools")
public interface KeyRingsConfig {

    /** The key-encryption key's ring (signing keys, client and webhook secrets, sessions, page tokens). */
    TokenRing token();

    /** The verification codes' HMAC key ring. */
    CodesRing codes();

    /** The outbox encryption key's ring. */
    OutboxRing outbox();

    /** Re-sealing after a rotation. */
    Keys keys();

    interface TokenRing {
        /** The current key ({@code USERPOOLS_TOKEN_KEY_ENCRYPTION_KEY}); prod requires it. */
        Optional<String> keyEncryptionKey();

        /**
         * The current key's id, written into every value it seals
         * ({@code USERPOOLS_TOKEN_KEY_ENCRYPTION_KEY_ID}). Default: derived from the key.
         */
        Optional<String> keyEncryptionKeyId();

        /**
         * Older key-encryption keys, open only ({@code USERPOOLS_TOKEN_OLD_KEY_ENCRYPTION_KEYS}).
         * Default: none.
         */
        Optional<List<String>> oldKeyEncryptionKeys();
    }

    interface CodesRing {
        /** The current HMAC key ({@code USERPOOLS_CODES_HMAC_KEY}); required, see {@code CodesConfig}. */
        Optional<String> hmacKey();

        /** The current HMAC key's id ({@code USERPOOLS_CODES_HMAC_KEY_ID}). Default: derived from the key. */
        Optional<String> hmacKeyId();

        /**
         * Older HMAC keys, verify only ({@code USERPOOLS_CODES_OLD_HMAC_KEYS}): keep one for a day
         * (a code's lifetime) after it stopped being current. Default: none.
         */
        Optional<List<String>> oldHmacKeys();
    }

    interface OutboxRing {
        /** The current outbox key ({@code USERPOOLS_OUTBOX_ENCRYPTION_KEY}); required, see {@code OutboxConfig}. */
        Optional<String> encryptionKey();

        /** The current outbox key's id ({@code USERPOOLS_OUTBOX_ENCRYPTION_KEY_ID}). Default: derived from the key. */
        Optional<String> encryptionKeyId();

        /** Older outbox keys, open only ({@code USERPOOLS_OUTBOX_OLD_ENCRYPTION_KEYS}). Default: none. */
        Optional<List<String>> oldEncryptionKeys();
    }

    interface Keys {
        /**
         * After start-up, in the background, seal again under the current keys every stored value
         * that an old key sealed (signing keys, client secrets, webhook and event subscription secrets, queued
         * messages), and log how many,
         * and how many verification codes still need an old HMAC key
         * ({@code USERPOOLS_KEYS_RESEAL_AT_START}). Cheap when nothing is stale: one query a table.
         */
        @WithDefault("true")
        boolean resealAtStart();
    }
}
