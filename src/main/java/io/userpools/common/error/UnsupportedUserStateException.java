package io.userpools.common.error;

/**
 * Cognito's {@code UnsupportedUserStateException}: the user's status does not allow the request,
 * such as a RESEND invitation for a user no longer in FORCE_CHANGE_PASSWORD (HTTP 409, lifecycle spec 0).
 */
public class UnsupportedUserStateException extends CognitoException {

    public UnsupportedUserStateException(String message) {
        super(409, message);
    }
}
