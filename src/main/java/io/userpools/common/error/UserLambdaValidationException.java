package io.userpools.common.error;

/** Cognito's {@code UserLambdaValidationException}: the custom message trigger vetoed the message (HTTP 400). */
public class UserLambdaValidationException extends CognitoException {

    public UserLambdaValidationException(String message) {
        super(400, message);
    }
}
