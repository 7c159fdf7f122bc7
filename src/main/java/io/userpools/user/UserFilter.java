package io.userpools.user;

import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.validation.RequestConstraints;
import java.util.Optional;
import java.util.Set;

/**
 * A ListUsers filter ([2.9]): {@code <attribute> <op> "<value>"} with {@code op} either {@code =}
 * (exact) or {@code ^=} (prefix). Spaces around the operator are optional; inside the quoted
 * value {@code \"} stands for a quote and {@code \\} for a backslash (any other backslash is kept
 * as it is). One attribute per filter; custom attributes can't be searched.
 *
 * @param attribute one of {@link #SEARCHABLE}
 * @param value     the unescaped value
 */
public record UserFilter(String attribute, Operator operator, String value) {

    public static final int MAX_LENGTH = 256;
    public static final String PARSE_ERROR = "Error while parsing filter";

    /** The attributes Cognito lets a filter name. */
    public static final Set<String> SEARCHABLE = Set.of("username", "email", "phone_number", "name", "given_name",
            "family_name", "preferred_username", "cognito:user_status", "status", "sub");

    public enum Operator {
        EQUALS, STARTS_WITH
    }

    /**
     * Parses a filter expression.
     *
     * @return empty for a null or blank filter (every user matches)
     * @throws InvalidParameterException {@code Error while parsing filter} for bad syntax,
     *                                   {@code Invalid search attribute: <a>} for an attribute that
     *                                   can't be searched, or the length constraint text above 256
     */
    public static Optional<UserFilter> parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return Optional.empty();
        }
        if (filter.length() > MAX_LENGTH) {
            throw InvalidParameterException.detected("filter", RequestConstraints.maxLength(MAX_LENGTH));
        }
        int i = skipSpaces(filter, 0);
        int nameStart = i;
        while (i < filter.length() && !Character.isWhitespace(filter.charAt(i)) && "=^\"".indexOf(filter.charAt(i)) < 0) {
            i++;
        }
        String attribute = filter.substring(nameStart, i);
        i = skipSpaces(filter, i);
        Operator operator;
        if (filter.startsWith("^=", i)) {
            operator = Operator.STARTS_WITH;
            i += 2;
        } else if (filter.startsWith("=", i)) {
            operator = Operator.EQUALS;
            i += 1;
        } else {
            throw parseError();
        }
        i = skipSpaces(filter, i);
        if (attribute.isEmpty() || i >= filter.length() || filter.charAt(i) != '"') {
            throw parseError();
        }
        StringBuilder value = new StringBuilder();
        i++;
        boolean closed = false;
        while (i < filter.length()) {
            char c = filter.charAt(i);
            if (c == '\\' && i + 1 < filter.length() && (filter.charAt(i + 1) == '"' || filter.charAt(i + 1) == '\\')) {
                value.append(filter.charAt(i + 1));
                i += 2;
            } else if (c == '"') {
                closed = true;
                i++;
                break;
            } else {
                value.append(c);
                i++;
            }
        }
        if (!closed || skipSpaces(filter, i) != filter.length()) {
            throw parseError();
        }
        if (!SEARCHABLE.contains(attribute)) {
            throw new InvalidParameterException("Invalid search attribute: " + attribute);
        }
        return Optional.of(new UserFilter(attribute, operator, value.toString()));
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static InvalidParameterException parseError() {
        return new InvalidParameterException(PARSE_ERROR);
    }
}
