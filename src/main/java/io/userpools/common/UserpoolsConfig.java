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

    interface Admin {
        /**
         * Admin access keys as {@code id:secret} pairs, comma-separated. None by default in prod:
         * every admin call then answers 401.
         */
        Optional<List<String>> keys();
    }
}
