package io.userpools.common.error;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A failure that the caller sees as problem+json, named after the Cognito exception it stands
 * for. Subclasses carry the Cognito name as their simple class name and fix the HTTP status.
 */
public abstract class CognitoException extends RuntimeException {

    private final int status;
    private final List<Violation> violations;

    protected CognitoException(int status, String message) {
        this(status, message, List.of());
    }

    protected CognitoException(int status, String message, List<Violation> violations) {
        super(message, null, false, false);
        this.status = status;
        this.violations = List.copyOf(violations);
    }

    /** The Cognito exception name, such as {@code UserNotFoundException}. */
    public String code() {
        return getClass().getSimpleName();
    }

    public int status() {
        return status;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** Seconds the caller should wait before retrying: 429 and 503 answers, and a sign-in lockout. */
    public Long retryAfterSeconds() {
        return null;
    }

    /** One field that failed input validation (serialised by Jackson in every problem+json). */
    @RegisterForReflection
    public record Violation(String field, String message) {
    }
}
