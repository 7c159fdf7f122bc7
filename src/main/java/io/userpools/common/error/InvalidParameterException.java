package io.userpools.common.error;

import java.util.List;

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
        return summary(violations.stream().map(v -> part(v.field(), v.message())).toList(), violations);
    }

    /** One broken rule: {@code 1 validation error detected: Value at 'field' failed to satisfy constraint: ...}. */
    public static InvalidParameterException detected(String field, String constraint) {
        return detected(List.of(new Violation(field, constraint)));
    }

    /**
     * One broken rule with the offending value quoted, as Cognito words enum, pattern and number
     * rules: {@code 1 validation error detected: Value 'value' at 'field' failed to satisfy
     * constraint: ...}. The value is in the message only, not in the problem's violations.
     */
    public static InvalidParameterException detectedValue(Object value, String field, String constraint) {
        return summary(List.of(part(value, field, constraint)), List.of(new Violation(field, constraint)));
    }

    /** One part of the summary: {@code Value at 'field' failed to satisfy constraint: constraint}. */
    public static String part(String field, String constraint) {
        return "Value at '" + field + "' failed to satisfy constraint: " + constraint;
    }

    /** One part of the summary with the value quoted: {@code Value 'value' at 'field' failed ...}. */
    public static String part(Object value, String field, String constraint) {
        return "Value '" + value + "' at '" + field + "' failed to satisfy constraint: " + constraint;
    }

    /** The summary of parts worded by the caller ({@link #part}): {@code N validation error(s) detected: ...; ...}. */
    public static InvalidParameterException summary(List<String> parts, List<Violation> violations) {
        String count = parts.size() == 1 ? "1 validation error" : parts.size() + " validation errors";
        return new InvalidParameterException(count + " detected: " + String.join("; ", parts), violations);
    }

    /** The same code with another status, for transport-level mistakes (413, 415, 405). */
    public InvalidParameterException(int status, String message) {
        super(status, message);
    }
}
