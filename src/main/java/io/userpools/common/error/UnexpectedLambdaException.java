package io.userpools.common.error;

/** Cognito's {@code UnexpectedLambdaException}: the custom message trigger did not answer (HTTP 502). */
public class UnexpectedLambdaException extends CognitoException {

    public UnexpectedLambdaException(String message) {
        super(502, message);
    }
}
