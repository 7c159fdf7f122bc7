package io.userpools.password;

/**
 * ConfirmForgotPassword: the reset code and the new password.
 *
 * @param secretHash needed when the client has a secret
 */
public record ConfirmForgotPasswordCommand(String clientId, String secretHash, String username, String code,
        String password) {

    @Override
    public String toString() {
        return "ConfirmForgotPasswordCommand[" + clientId + "]";
    }
}
