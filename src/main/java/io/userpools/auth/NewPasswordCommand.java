package io.userpools.auth;

/** The answer to a NEW_PASSWORD_REQUIRED challenge, from either facade. */
public record NewPasswordCommand(
        String clientId,
        String challengeName,
        String session,
        String username,
        String newPassword,
        String secretHash) {
}
