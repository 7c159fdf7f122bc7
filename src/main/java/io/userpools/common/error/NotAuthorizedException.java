package io.userpools.common.error;

/**
 * Cognito's {@code NotAuthorizedException}: 401 when the credential or token is missing, bad,
 * expired or revoked; 403 when the caller is known but not allowed to do this.
 */
public class NotAuthorizedException extends CognitoException {

    public static final String UNAUTHORIZED_ATTRIBUTE = "A client attempted to write unauthorized attribute";

    public NotAuthorizedException(String message) {
        super(401, message);
    }

    private NotAuthorizedException(int status, String message) {
        super(status, message);
    }

    /** The authenticated caller may not do this (403). */
    public static NotAuthorizedException forbidden(String message) {
        return new NotAuthorizedException(403, message);
    }
}
