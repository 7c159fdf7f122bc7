package io.userpools.common.error;

/** Cognito's {@code UsernameExistsException}: the username is taken in the pool (HTTP 409). */
public class UsernameExistsException extends CognitoException {

    public UsernameExistsException(String message) {
        super(409, message);
    }
}
