package io.userpools.auth;

import io.quarkus.runtime.StartupEvent;
import io.userpools.auth.AdminCredentials.AccessKey;
import io.userpools.common.UserpoolsConfig;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The configured metrics access keys ({@code userpools.metrics.keys}): they let a scraper read
 * {@code /q/metrics} and nothing else. They are no admin keys: {@link AdminCredentials} never
 * holds them, so an admin route and SigV4 signing refuse them as they refuse an unknown key.
 *
 * <p>A secret (or an id) that is both an admin key's and a metrics key's refuses the start:
 * the key would otherwise be an admin key with a misleading name, and an id names one key in
 * the logs and in the change history. The message names the ids, never a secret.
 */
@Singleton
public class MetricsCredentials {

    private final List<AccessKey> keys;

    public MetricsCredentials(UserpoolsConfig config, AdminCredentials admin) {
        this.keys = AdminCredentials.parse(config.metrics().keys(), "userpools.metrics.keys");
        refuseOverlap(admin.keys(), keys);
    }

    /** Makes the bean at start, so that an overlap stops the start rather than the first scrape. */
    void checkAtStart(@Observes StartupEvent event) {
        // the constructor did the check
    }

    /**
     * Fails when an admin key and a metrics key share a secret or an id.
     *
     * @throws IllegalStateException naming the ids concerned
     */
    static void refuseOverlap(List<AccessKey> admin, List<AccessKey> metrics) {
        Set<String> clashes = new TreeSet<>();
        for (AccessKey scraper : metrics) {
            for (AccessKey key : admin) {
                if (MessageDigest.isEqual(key.secret(), scraper.secret()) || key.id().equals(scraper.id())) {
                    clashes.add(key.id().equals(scraper.id()) ? scraper.id() : key.id() + "/" + scraper.id());
                }
            }
        }
        if (!clashes.isEmpty()) {
            throw new IllegalStateException("USERPOOLS_METRICS_KEYS (userpools.metrics.keys) shares a secret or an id "
                    + "with USERPOOLS_ADMIN_KEYS (userpools.admin.keys): " + String.join(", ", clashes)
                    + ". Give each metrics key an id and a secret of its own.");
        }
    }

    /** The metrics key whose secret equals the presented one; every key is compared, in constant time. */
    public Optional<AccessKey> match(String presented) {
        return AdminCredentials.match(keys, presented);
    }
}
