package io.userpools.common.error;

/** Cognito's {@code TooManyRequestsException} (HTTP 429, with {@code Retry-After}). */
public class TooManyRequestsException extends CognitoException {

    private final long retryAfterSeconds;

    public TooManyRequestsException(String message, long retryAfterSeconds) {
        super(429, message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    @Override
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
