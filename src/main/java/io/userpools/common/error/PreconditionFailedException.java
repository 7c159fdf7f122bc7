package io.userpools.common.error;

/** Cognito's {@code PreconditionFailedException}: the If-Match version is not the user's current version (HTTP 412). */
public class PreconditionFailedException extends CognitoException {

    public PreconditionFailedException(String message) {
        super(412, message);
    }
}
