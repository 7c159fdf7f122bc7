package io.userpools.common.error;

/** Cognito's {@code AliasExistsException}: the email or phone number already belongs to another user (HTTP 409). */
public class AliasExistsException extends CognitoException {

    public AliasExistsException(String message) {
        super(409, message);
    }
}
