package io.userpools.common.error;

/** Cognito's {@code InvalidPasswordException}: the password breaks the pool's password policy (HTTP 400). */
public class InvalidPasswordException extends CognitoException {

    public InvalidPasswordException(String message) {
        super(400, message);
    }
}
