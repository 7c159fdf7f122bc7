package io.userpools.common.error;

import java.util.List;
import java.util.stream.Collectors;

/** Cognito's {@code InvalidParameterException}: the input breaks a rule (HTTP 400). */
public class InvalidParameterException extends CognitoException {

    public InvalidParameterException(String message) {
        super(400, message);
    }

    public InvalidParameterException(String message, List<Violation> violations) {
        super(400, message, violations);
    }

    /**
     * Cognito's summary of broken input rules, in the order given: {@code N validation error(s)
     * detected: Value at 'field' failed to satisfy constraint: message; ...}.
     */
    public static InvalidParameterException detected(List<Violation> violations) {
        String each = violations.stream()
                .map(v -> "Value at '" + v.field() + "' failed to satisfy constraint: " + v.message())
                .collect(Collectors.joining("; "));
        String count = violations.size() == 1 ? "1 validation error" : violations.size() + " validation errors";
        return new InvalidParameterException(count + " detected: " + each, violations);
    }

    /** The same code with another status, for transport-level mistakes (413, 415, 405). */
    public InvalidParameterException(int status, String message) {
        super(status, message);
    }
}
