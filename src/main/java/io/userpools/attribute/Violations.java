package io.userpools.attribute;

import io.userpools.common.error.CognitoException.Violation;
import io.userpools.common.error.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;

/** Collects the violations of one validation step, then throws them all at once. */
final class Violations {

    private final List<Violation> violations = new ArrayList<>();

    void add(String field, String message) {
        violations.add(new Violation(field, message));
    }

    boolean isEmpty() {
        return violations.isEmpty();
    }

    /** Throws one InvalidParameterException whose message is every message, one per line. */
    void throwIfAny() {
        if (!violations.isEmpty()) {
            throw new InvalidParameterException(
                    String.join("\n", violations.stream().map(Violation::message).toList()), violations);
        }
    }

    /**
     * Throws the shape errors in AWS's generic form:
     * {@code N validation error(s) detected: Value '…' at '…' failed to satisfy constraint: …; …}.
     */
    void throwShapeErrorsIfAny() {
        if (!violations.isEmpty()) {
            throw InvalidParameterException.summary(violations.stream().map(Violation::message).toList(), violations);
        }
    }
}
