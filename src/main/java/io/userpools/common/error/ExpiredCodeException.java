package io.userpools.common.error;

/** Cognito's {@code ExpiredCodeException}: no live code, or the code was used or has expired (HTTP 400). */
public class ExpiredCodeException extends CognitoException {

    public ExpiredCodeException(String message) {
        super(400, message);
    }
}
