package io.userpools.common.error;

/** Cognito's {@code InternalErrorException}: a bug on our side (HTTP 500). */
public class InternalErrorException extends CognitoException {

    public InternalErrorException(String message) {
        super(500, message);
    }
}
