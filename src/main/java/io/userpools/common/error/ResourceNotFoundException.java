package io.userpools.common.error;

/** Cognito's {@code ResourceNotFoundException}: an unknown pool or app client (HTTP 404). */
public class ResourceNotFoundException extends CognitoException {

    public ResourceNotFoundException(String message) {
        super(404, message);
    }
}
