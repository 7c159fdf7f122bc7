package io.userpools.auth;

import io.quarkus.runtime.StartupEvent;
import io.userpools.common.UserpoolsConfig;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** The configured admin access keys; checks a presented secret in constant time. */
@Singleton
public class AdminCredentials {

    private static final Logger LOG = Logger.getLogger(AdminCredentials.class);

    /** One access key: the id names it in logs, the secret never appears anywhere. */
    public record AccessKey(String id, byte[] secret) {
    }

    private final List<AccessKey> keys;

    public AdminCredentials(UserpoolsConfig config) {
        List<AccessKey> parsed = new ArrayList<>();
        for (String pair : config.admin().keys().orElse(List.of())) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                LOG.warnf("Ignoring a malformed entry in userpools.admin.keys (expected id:secret)");
                continue;
            }
            parsed.add(new AccessKey(pair.substring(0, colon).trim(),
                    pair.substring(colon + 1).trim().getBytes(StandardCharsets.UTF_8)));
        }
        this.keys = List.copyOf(parsed);
    }

    void warnIfNone(@Observes StartupEvent event) {
        if (keys.isEmpty()) {
            LOG.warn("No admin access keys configured (USERPOOLS_ADMIN_KEYS): every admin call will answer 401");
        }
    }

    /** The key whose secret equals the presented one; every key is compared, in constant time. */
    public Optional<AccessKey> match(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
        AccessKey found = null;
        for (AccessKey key : keys) {
            if (MessageDigest.isEqual(key.secret(), candidate) && found == null) {
                found = key;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The key with this id, for request signing on the AWS endpoint. */
    public Optional<AccessKey> byId(String id) {
        return keys.stream().filter(k -> k.id().equals(id)).findFirst();
    }
}
