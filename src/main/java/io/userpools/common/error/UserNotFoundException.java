package io.userpools.common.error;

/** Cognito's {@code UserNotFoundException}: no user answers to the given name (HTTP 404). */
public class UserNotFoundException extends CognitoException {

    public UserNotFoundException(String message) {
        super(404, message);
    }
}
