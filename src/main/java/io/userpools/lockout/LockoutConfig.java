package io.userpools.lockout;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The sign-in lockout after repeated wrong passwords ({@code userpools.lockout.*}; lifecycle spec
 * section 6). The defaults are Cognito's, which offers no setting: from the 5th failure on, each
 * failure locks sign-in for 1, 2, 4, ... seconds, at most 15 minutes, and the count starts again
 * after 15 minutes without an attempt or after a correct password.
 */
@ConfigMapping(prefix = "userpools.lockout")
public interface LockoutConfig {

    /**
     * Failed password checks in a row after which sign-in locks out
     * ({@code USERPOOLS_LOCKOUT_THRESHOLD}, values below 1 count as 1). The failure that reaches it locks for 1
     * second, and each further one (made once a lockout has run out) doubles the time.
     */
    @WithDefault("5")
    int threshold();

    /**
     * The longest lockout, in seconds ({@code USERPOOLS_LOCKOUT_MAX_SECONDS}, values below 1 count as 1; Cognito:
     * about 15 minutes).
     */
    @WithDefault("900")
    int maxSeconds();

    /**
     * Minutes without any counted attempt after which the failures count from zero again
     * ({@code USERPOOLS_LOCKOUT_QUIET_RESET_MINUTES}, values below 1 count as 1).
     */
    @WithDefault("15")
    int quietResetMinutes();
}
