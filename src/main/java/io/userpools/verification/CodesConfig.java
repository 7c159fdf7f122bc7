package io.userpools.verification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Verification codes ({@code userpools.codes.*}). */
@ConfigMapping(prefix = "userpools.codes")
public interface CodesConfig {

    /**
     * Base64 key of at least 32 bytes for the HMAC under which codes are stored
     * ({@code USERPOOLS_CODES_HMAC_KEY}). Required: without it the service does not start. Dev and
     * test ship fixed keys. To rotate it, keep the previous key in {@code userpools.codes.old-hmac-keys}
     * ({@link io.userpools.common.KeyRingsConfig}) for a day, or its outstanding codes stop verifying.
     */
    String hmacKey();

    /**
     * Also write each code to the log (a development aid). Off by default, on in the dev profile,
     * and ignored in the prod profile whatever its value.
     */
    @WithDefault("false")
    boolean log();
}
