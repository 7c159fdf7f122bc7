package io.userpools.common.error;

/** Cognito's {@code LimitExceededException} (HTTP 429, with {@code Retry-After}). */
public class LimitExceededException extends CognitoException {

    private final long retryAfterSeconds;

    public LimitExceededException(String message, long retryAfterSeconds) {
        super(429, message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    @Override
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
