package io.userpools.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** The service's own settings, under {@code userpools.} ({@code USERPOOLS_} in the environment). */
@ConfigMapping(prefix = "userpools")
public interface UserpoolsConfig {

    /** The region that prefixes pool ids ({@code <region>_<9 alphanumerics>}). */
    @WithDefault("us-east-1")
    String region();

    /** Admin (developer) credentials. */
    Admin admin();

    /** Scrape-only credentials for {@code /q/metrics}. */
    Metrics metrics();

    /**
     * The base URL of token issuers: a pool's tokens carry {@code iss = <base>/pools/<poolId>}, and
     * only tokens with that issuer are accepted. Set it to the service's public URL.
     */
    @WithDefault("http://localhost:8080")
    String issuerBaseUrl();

    /** How simple attribute writes (the fast path) reach the database. */
    AttributeWrites attributeWrites();

    /** The database schema at start-up. */
    Schema schema();

    interface Schema {
        /**
         * Bring the schema up to date at start-up: a start on a current schema reads Flyway's
         * history table and goes on (Flyway itself is not started); a start on an older or empty one
         * runs Flyway's migrate. Off when migrations run as a separate step (a Kubernetes Job).
         */
        @WithDefault("true")
        boolean migrateAtStart();
    }

    interface AttributeWrites {
        /**
         * Statements of simple attribute writes in flight at once. A write that arrives while all
         * are busy waits for the next one, which then stores every waiting write (of distinct
         * users) together: fewer, larger statements under load, no wait when idle. One measured
         * best on 2 cores (bench/README.md); more only split the same writes into more statements.
         */
        @WithDefault("1")
        int statements();

        /** The most writes one such statement stores. */
        @WithDefault("128")
        int batch();
    }

    interface Admin {
        /**
         * Admin access keys as {@code id:secret} pairs, comma-separated. None by default in prod:
         * every admin call then answers 401.
         */
        Optional<List<String>> keys();
    }

    interface Metrics {
        /**
         * Metrics access keys as {@code id:secret} pairs, comma-separated: their holders may read
         * {@code /q/metrics} and nothing else (role {@code metrics}); admin keys read it too. Several
         * at once let a key be rotated. None by default. Set them from the environment
         * ({@code USERPOOLS_METRICS_KEYS}), never in a file. A secret or id that is also an admin
         * key's refuses the start.
         */
        Optional<List<String>> keys();
    }
}
