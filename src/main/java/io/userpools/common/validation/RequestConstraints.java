package io.userpools.common.validation;

import io.userpools.common.error.CognitoException.Violation;
import io.userpools.common.error.InvalidParameterException;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Input validation of request bodies and parameters, with Cognito's texts ("1 validation error
 * detected: Value at 'username' failed to satisfy constraint: Member must have length less than
 * or equal to 128"). A body's rules are the Jakarta constraint annotations on its record
 * components, read once per record type on first use (see {@link ConstraintPlan}); there is no
 * Bean Validation engine, whose eager metadata cost a third of a second at every start. Values are
 * never echoed: a field may be a password or a code.
 */
public final class RequestConstraints {

    private RequestConstraints() {
    }

    /** The body itself, if it is present and keeps every rule; else InvalidParameterException. */
    public static <T extends Record> T valid(T body) {
        if (body == null) {
            throw new InvalidParameterException("Request body is required");
        }
        Set<Violation> found = new LinkedHashSet<>();
        ConstraintPlan.of(body.getClass()).check(body, "", (field, message) -> found.add(new Violation(field, message)));
        if (!found.isEmpty()) {
            throw invalid(List.copyOf(found));
        }
        return body;
    }

    /** A path or query parameter's length, as {@code @Size(min, max)} on it says. */
    public static String length(String name, String value, int min, int max) {
        if (value == null || value.length() < min) {
            throw invalid(List.of(new Violation(name, minLength(min))));
        }
        if (value.length() > max) {
            throw invalid(List.of(new Violation(name, maxLength(max))));
        }
        return value;
    }

    /** A numeric query parameter's range, as {@code @Min} and {@code @Max} on it say. */
    public static int range(String name, int value, int min, int max) {
        if (value < min) {
            throw invalid(List.of(new Violation(name, minValue(min))));
        }
        if (value > max) {
            throw invalid(List.of(new Violation(name, maxValue(max))));
        }
        return value;
    }

    /** Cognito's summary of several broken rules, in field order. */
    static InvalidParameterException invalid(List<Violation> violations) {
        return InvalidParameterException.detected(
                violations.stream().sorted(Comparator.comparing(Violation::field)).toList());
    }

    /** Cognito's rule texts, for checks written outside the request records. */
    public static String minLength(long min) {
        return "Member must have length greater than or equal to " + min;
    }

    public static String maxLength(long max) {
        return "Member must have length less than or equal to " + max;
    }

    public static String minValue(long min) {
        return "Member must have value greater than or equal to " + min;
    }

    public static String maxValue(long max) {
        return "Member must have value less than or equal to " + max;
    }

    public static String pattern(String regex) {
        return "Member must satisfy regular expression pattern: " + regex;
    }
}
