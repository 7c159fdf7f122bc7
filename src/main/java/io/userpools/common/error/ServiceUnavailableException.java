package io.userpools.common.error;

/** Cognito's {@code ServiceUnavailableException} (HTTP 503, with {@code Retry-After}). */
public class ServiceUnavailableException extends CognitoException {

    private final long retryAfterSeconds;

    public ServiceUnavailableException(String message, long retryAfterSeconds) {
        super(503, message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    @Override
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
