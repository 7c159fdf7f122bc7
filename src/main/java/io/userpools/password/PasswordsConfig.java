package io.userpools.password;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** What password events do to sessions (lifecycle spec 4.5). */
@ConfigMapping(prefix = "userpools")
public interface PasswordsConfig {

    /**
     * Revoke the user's sessions (refresh tokens, and the access tokens issued from them) after
     * ConfirmForgotPassword and ChangePassword, sparing only the session that called
     * ChangePassword ({@code USERPOOLS_REVOKE_SESSIONS_ON_PASSWORD_CHANGE}). Off by default, as
     * Cognito revokes nothing.
     */
    @WithName("revoke-sessions-on-password-change")
    @WithDefault("false")
    boolean revokeSessionsOnPasswordChange();
}
