package io.userpools.common.error;

/** Cognito's {@code InvalidLambdaResponseException}: the custom message trigger answered something unusable (HTTP 502). */
public class InvalidLambdaResponseException extends CognitoException {

    public InvalidLambdaResponseException(String message) {
        super(502, message);
    }
}
