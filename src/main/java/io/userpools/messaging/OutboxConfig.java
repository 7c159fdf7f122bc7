package io.userpools.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The transactional outbox. */
@ConfigMapping(prefix = "userpools.outbox")
public interface OutboxConfig {
    /**
     * Base64 AES-256 key (32 bytes) that encrypts queued messages, which carry codes
     * ({@code USERPOOLS_OUTBOX_ENCRYPTION_KEY}). Required; dev and test ship fixed keys. Older keys,
     * kept while rotating: {@code userpools.outbox.old-encryption-keys} ({@link io.userpools.common.KeyRingsConfig}).
     */
    String encryptionKey();

    /** How often the dispatcher looks for due messages besides the nudge after each commit. */
    @WithDefault("PT5S")
    Duration pollInterval();

    /**
     * How long a claimed message stays invisible to other dispatchers while it is sent. At least
     * twice {@link #sendTimeout()} (start-up fails otherwise), so that a send is always cut off,
     * and its failure recorded, while this replica still holds the message.
     */
    @WithDefault("PT1M")
    Duration lease();

    /**
     * The longest one send (SMTP or SMS gateway call) may take; one that takes longer is cut off
     * and counts as a failed attempt. A send also never gets more than half of what is left of its
     * lease.
     */
    @WithDefault("PT30S")
    Duration sendTimeout();

    /** The first retry delay; each further failure doubles it, up to {@link #maxBackoff()}. */
    @WithDefault("PT5S")
    Duration retryBackoff();

    /** The longest delay between two attempts. */
    @WithDefault("PT15M")
    Duration maxBackoff();

    /**
     * Attempts after which a message is dropped: logged as an error with its id, pool, channel and
     * attempt count only, and counted in {@code userpools_outbox_dropped_total}.
     */
    @WithDefault("12")
    int maxAttempts();

    /** Messages claimed per round. */
    @WithDefault("20")
    int batchSize();
}
