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

/**
 * The configured admin access keys; checks a presented secret in constant time. Only these keys
 * are admin keys: the scrape-only keys of {@link MetricsCredentials} are kept apart, so neither
 * the admin-key mechanism nor SigV4 signing ever sees them.
 */
@Singleton
public class AdminCredentials {

    private static final Logger LOG = Logger.getLogger(AdminCredentials.class);

    /** One access key: the id names it in logs, the secret never appears anywhere. */
    public record AccessKey(String id, byte[] secret) {
    }

    private final List<AccessKey> keys;

    public AdminCredentials(UserpoolsConfig config) {
        this.keys = parse(config.admin().keys(), "userpools.admin.keys");
    }

    /** The {@code id:secret} entries of {@code setting}; a malformed one is skipped with a warning that shows none of it. */
    static List<AccessKey> parse(Optional<List<String>> entries, String setting) {
        List<AccessKey> parsed = new ArrayList<>();
        for (String pair : entries.orElse(List.of())) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                LOG.warnf("Ignoring a malformed entry in %s (expected id:secret)", setting);
                continue;
            }
            parsed.add(new AccessKey(pair.substring(0, colon).trim(),
                    pair.substring(colon + 1).trim().getBytes(StandardCharsets.UTF_8)));
        }
        return List.copyOf(parsed);
    }

    /** The key of {@code keys} whose secret equals the presented one; every key is compared, in constant time. */
    static Optional<AccessKey> match(List<AccessKey> keys, String presented) {
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

    void warnIfNone(@Observes StartupEvent event) {
        if (keys.isEmpty()) {
            LOG.warn("No admin access keys configured (USERPOOLS_ADMIN_KEYS): every admin call will answer 401");
        }
    }

    /** The admin key whose secret equals the presented one; every key is compared, in constant time. */
    public Optional<AccessKey> match(String presented) {
        return match(keys, presented);
    }

    /** The admin key with this id, for request signing on the AWS endpoint. */
    public Optional<AccessKey> byId(String id) {
        return keys.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    /** The admin keys, for {@link MetricsCredentials} to refuse a key configured as both. */
    List<AccessKey> keys() {
        return keys;
    }
}
