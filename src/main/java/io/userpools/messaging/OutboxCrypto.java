package io.userpools.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import io.userpools.verification.CodeDeliveryDetails.DeliveryMedium;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * Seals and opens outbox payloads with the key from {@code userpools.outbox.encryption-key}; the
 * pool id and channel are the associated data. Created at start-up so that a missing or bad key
 * stops the service with a clear message.
 */
@Startup
@Singleton
public class OutboxCrypto {

    private final OutboxCipher cipher;
    private final ObjectMapper json;

    public OutboxCrypto(OutboxConfig config, ObjectMapper json) {
        this.cipher = OutboxCipher.fromBase64("userpools.outbox.encryption-key", config.encryptionKey(),
                new SecureRandom());
        this.json = json;
    }

    public byte[] seal(String poolId, DeliveryMedium channel, OutboxMessage message) {
        try {
            return cipher.encrypt(json.writeValueAsBytes(message), aad(poolId, channel));
        } catch (IOException e) {
            throw new IllegalStateException("outbox message not serialisable", e);
        }
    }

    /** @throws GeneralSecurityException when the payload does not open with this key */
    public OutboxMessage open(String poolId, DeliveryMedium channel, byte[] sealed) throws GeneralSecurityException {
        byte[] plain = cipher.decrypt(sealed, aad(poolId, channel));
        try {
            return json.readValue(plain, OutboxMessage.class);
        } catch (IOException e) {
            throw new GeneralSecurityException("payload is not a message");
        }
    }

    private static byte[] aad(String poolId, DeliveryMedium channel) {
        return (poolId + "|" + channel.name()).getBytes(StandardCharsets.UTF_8);
    }
}
