package io.userpools.common.error;

/** Cognito's {@code PasswordResetRequiredException}: the user must reset the password (HTTP 400). */
public class PasswordResetRequiredException extends CognitoException {

    public PasswordResetRequiredException(String message) {
        super(400, message);
    }
}
