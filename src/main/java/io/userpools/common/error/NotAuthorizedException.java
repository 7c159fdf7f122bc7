package io.userpools.common.error;

/**
 * Cognito's {@code NotAuthorizedException}: 401 when the credential or token is missing, bad,
 * expired or revoked; 403 when the caller is known but not allowed to do this.
 */
public class NotAuthorizedException extends CognitoException {

    public static final String UNAUTHORIZED_ATTRIBUTE = "A client attempted to write unauthorized attribute";
    /** Cognito's text (no final period) while sign-in is locked out after wrong passwords. */
    public static final String PASSWORD_ATTEMPTS_EXCEEDED = "Password attempts exceeded";

    private final Long retryAfterSeconds;

    public NotAuthorizedException(String message) {
        this(401, message, null);
    }

    private NotAuthorizedException(int status, String message, Long retryAfterSeconds) {
        super(status, message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The authenticated caller may not do this (403). */
    public static NotAuthorizedException forbidden(String message) {
        return new NotAuthorizedException(403, message, null);
    }

    /**
     * Sign-in is locked out after repeated wrong passwords (401, with {@code Retry-After}: the
     * seconds left in the lockout, at least 1).
     */
    public static NotAuthorizedException passwordAttemptsExceeded(long retryAfterSeconds) {
        return new NotAuthorizedException(401, PASSWORD_ATTEMPTS_EXCEEDED, Math.max(1, retryAfterSeconds));
    }

    @Override
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
