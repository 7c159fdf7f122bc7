package io.userpools.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import io.userpools.common.KeyRing;
import io.userpools.common.KeyRingCipher;
import io.userpools.common.KeyRings;
import io.userpools.verification.CodeDeliveryDetails.DeliveryMedium;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * Seals and opens outbox payloads (which carry codes) with AES-256-GCM under the key ring of
 * {@code userpools.outbox.encryption-key} ({@link KeyRingCipher}: a payload names the key that
 * sealed it, and payloads of the ring's older keys still open, so a rotation drops no queued
 * message). The pool id and channel are the associated data. Created at start-up so that a missing
 * or bad key stops the service with a clear message.
 */
@Startup
@Singleton
public class OutboxCrypto {

    private final KeyRingCipher cipher;
    private final ObjectMapper json;

    public OutboxCrypto(KeyRings rings, ObjectMapper json) {
        this.cipher = new KeyRingCipher(rings.outbox(), new SecureRandom());
        this.json = json;
    }

    /** The ring in use. */
    public KeyRing ring() {
        return cipher.ring();
    }

    /** Seals a payload again under the current key (re-sealing after a rotation); null when it does not open. */
    public byte[] reseal(String poolId, DeliveryMedium channel, byte[] sealed) {
        KeyRingCipher.Opened opened = cipher.open(sealed, aad(poolId, channel));
        return opened == null ? null : cipher.seal(opened.plain(), aad(poolId, channel));
    }

    public byte[] seal(String poolId, DeliveryMedium channel, OutboxMessage message) {
        try {
            return cipher.seal(json.writeValueAsBytes(message), aad(poolId, channel));
        } catch (IOException e) {
            throw new IllegalStateException("outbox message not serialisable", e);
        }
    }

    /** @throws GeneralSecurityException when the payload opens with no key of the ring */
    public OutboxMessage open(String poolId, DeliveryMedium channel, byte[] sealed) throws GeneralSecurityException {
        KeyRingCipher.Opened opened = cipher.open(sealed, aad(poolId, channel));
        if (opened == null) {
            throw new GeneralSecurityException("payload opens with no key of the ring");
        }
        try {
            return json.readValue(opened.plain(), OutboxMessage.class);
        } catch (IOException e) {
            throw new GeneralSecurityException("payload is not a message");
        }
    }

    private static byte[] aad(String poolId, DeliveryMedium channel) {
        return (poolId + "|" + channel.name()).getBytes(StandardCharsets.UTF_8);
    }
}
