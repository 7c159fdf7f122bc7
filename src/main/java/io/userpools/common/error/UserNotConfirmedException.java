package io.userpools.common.error;

/** Cognito's {@code UserNotConfirmedException}: the user is not confirmed (HTTP 400). */
public class UserNotConfirmedException extends CognitoException {

    public UserNotConfirmedException(String message) {
        super(400, message);
    }
}
