package io.userpools.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.userpools.attribute.AttributePolicy;
import io.userpools.common.error.CognitoException.Violation;
import io.userpools.common.error.InvalidParameterException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The members of one AWS request body, read with the constraints of Cognito's service model. A
 * member of the wrong JSON type is a {@code SerializationException} at once (as AWS answers);
 * broken constraints are collected and reported together by {@link #check()} in Cognito's form:
 * {@code N validation error(s) detected: Value '...' at 'userAttributes.1.member.value' failed to
 * satisfy constraint: ...}, with camelCase member paths and 1-based list positions. Values of
 * sensitive members (passwords, tokens) are never quoted.
 */
final class AwsInput {

    /** A string shape of the model: length bounds, optional pattern, sensitive or not. */
    record Shape(int min, int max, Pattern pattern, boolean sensitive) {
        static Shape of(int min, int max, String pattern) {
            return new Shape(min, max, pattern == null ? null : Pattern.compile(pattern), false);
        }

        Shape secret() {
            return new Shape(min, max, pattern, true);
        }
    }

    static final Shape USER_POOL_ID = Shape.of(1, 55, "[\\w-]+_[0-9a-zA-Z]+");
    static final Shape USERNAME = Shape.of(1, 128, "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+").secret();
    static final Shape ATTRIBUTE_NAME = Shape.of(1, 32, "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
    static final Shape ATTRIBUTE_VALUE = Shape.of(0, 2048, null).secret();
    static final Shape CLIENT_ID = Shape.of(1, 128, "[\\w+]+").secret();
    static final Shape NAME = Shape.of(1, 128, "[\\w\\s+=,.@-]+");
    static final Shape PASSWORD = Shape.of(0, 256, "[\\S]+").secret();
    /** {@code SecretHash} of the client-id operations (sign-up, confirmation, password recovery). */
    static final Shape SECRET_HASH = Shape.of(1, 128, "[\\w+=/]+").secret();
    static final Shape TOKEN = Shape.of(0, Integer.MAX_VALUE, "[A-Za-z0-9-_=.]+").secret();
    static final Shape METADATA = Shape.of(0, 131072, null);
    static final Shape CODE = Shape.of(1, 2048, "[\\S]+");

    private final JsonNode body;
    private final String prefix;
    private final List<String> parts;
    private final List<Violation> violations;

    AwsInput(JsonNode body) {
        this(body, "", new ArrayList<>(), new ArrayList<>());
    }

    private AwsInput(JsonNode body, String prefix, List<String> parts, List<Violation> violations) {
        this.body = body;
        this.prefix = prefix;
        this.parts = parts;
        this.violations = violations;
    }

    /** Whether the member is present with a value. */
    boolean has(String member) {
        JsonNode node = body.get(member);
        return node != null && !node.isNull();
    }

    /** How many members are present with a value. */
    int size() {
        int count = 0;
        for (var it = body.elements(); it.hasNext();) {
            count += it.next().isNull() ? 0 : 1;
        }
        return count;
    }

    /**
     * A structure member, read like the body: its violations are reported with the others, at
     * member paths such as {@code policies.passwordPolicy.minimumLength}. Null when absent.
     */
    AwsInput structure(String member) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw AwsProtocolException.serialization("Expected a structure for " + member);
        }
        return new AwsInput(node, at(member) + ".", parts, violations);
    }

    /** A list of structures with the model's length bounds, or null when absent. */
    List<AwsInput> structures(String member, int min, int max, boolean required) {
        JsonNode node = list(member, required);
        if (node == null) {
            return null;
        }
        if (node.size() > max) {
            violation("", at(member), "Member must have length less than or equal to " + max, true);
        } else if (node.size() < min) {
            violation("", at(member), "Member must have length greater than or equal to " + min, true);
        }
        List<AwsInput> entries = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode entry = node.get(i);
            if (!entry.isObject()) {
                throw AwsProtocolException.serialization("Expected a structure in " + member);
            }
            entries.add(new AwsInput(entry, at(member) + "." + (i + 1) + ".member.", parts, violations));
        }
        return entries;
    }

    /** An integer member within the model's bounds; null when absent (a violation when required). */
    Integer integer(String member, int min, int max, boolean required) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            if (required) {
                violation(null, at(member), "Member must not be null", false);
            }
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw AwsProtocolException.serialization("Expected an integer for " + member);
        }
        int value = node.intValue();
        if (value > max) {
            violation(String.valueOf(value), at(member), "Member must have value less than or equal to " + max, false);
        } else if (value < min) {
            violation(String.valueOf(value), at(member), "Member must have value greater than or equal to " + min,
                    false);
        }
        return value;
    }

    /** A list member's node; null when absent (a violation when required). */
    private JsonNode list(String member, boolean required) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            if (required) {
                violation(null, at(member), "Member must not be null", false);
            }
            return null;
        }
        if (!node.isArray()) {
            throw AwsProtocolException.serialization("Expected a list for " + member);
        }
        return node;
    }

    /** Records a broken constraint that a shape cannot state, with the others. */
    void invalid(String value, String member, String constraint) {
        violation(value, at(member), constraint, false);
    }

    /** A string member; null when absent (a violation when required). */
    String string(String member, Shape shape, boolean required) {
        return checked(body.get(member), at(member), shape, required);
    }

    /** A boolean member, or null when absent. */
    Boolean bool(String member) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw AwsProtocolException.serialization("Expected a boolean for " + member);
        }
        return node.booleanValue();
    }

    /** An integer member, or null when absent; its range is the service's to check. */
    Integer integer(String member) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw AwsProtocolException.serialization("Expected an integer for " + member);
        }
        return node.intValue();
    }

    /** A list of strings, or null when absent. */
    List<String> strings(String member, Shape shape) {
        return strings(member, shape, false);
    }

    /** A list of strings, or null when absent (a violation when required). */
    List<String> strings(String member, Shape shape, boolean required) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            if (required) {
                violation(null, path(member), "Member must not be null", false);
            }
            return null;
        }
        if (!node.isArray()) {
            throw AwsProtocolException.serialization("Expected a list for " + member);
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            values.add(checked(node.get(i), at(member) + "." + (i + 1) + ".member", shape, true));
        }
        return values;
    }

    /** An AttributeListType member ({@code [{"Name","Value"}]}) as a map, or null when absent. */
    Map<String, String> attributes(String member, boolean required) {
        JsonNode node = list(member, required);
        if (node == null) {
            return null;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode entry = node.get(i);
            if (!entry.isObject()) {
                throw AwsProtocolException.serialization("Expected a structure in " + member);
            }
            String at = at(member) + "." + (i + 1) + ".member";
            String name = checked(entry.get("Name"), at + ".name", ATTRIBUTE_NAME, true);
            String value = checked(entry.get("Value"), at + ".value", ATTRIBUTE_VALUE, false);
            // the domain command is a map: a name given twice cannot travel, so it is refused here
            // with the policy's wording for the same mistake in a list of names
            if (name != null && attributes.containsKey(name)) {
                violation(name, path(member), AttributePolicy.DUPLICATE_NAMES, false);
            } else if (name != null) {
                attributes.put(name, value);
            }
        }
        return attributes;
    }

    /** A string-to-string map member (ClientMetadata, AuthParameters), or null when absent. */
    Map<String, String> map(String member) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw AwsProtocolException.serialization("Expected a map for " + member);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (var it = node.fields(); it.hasNext();) {
            var field = it.next();
            String value = checked(field.getValue(), at(member) + "." + field.getKey() + ".value",
                    METADATA, false);
            map.put(field.getKey(), value);
        }
        return map;
    }

    /** An integer member within the model's range (a violation outside it), or null when absent. */
    Integer integer(String member, int min, int max) {
        return integer(member, min, max, false);
    }

    /** A string member of a structure member ({@code TokenValidityUnits.AccessToken}), or null when absent. */
    String nested(String structure, String member, Shape shape) {
        JsonNode parent = body.get(structure);
        if (parent == null || parent.isNull()) {
            return null;
        }
        if (!parent.isObject()) {
            throw AwsProtocolException.serialization("Expected a structure for " + structure);
        }
        return checked(parent.get(member), at(structure) + "." + path(member), shape, false);
    }

    /** Throws the collected violations as one InvalidParameterException in Cognito's wording. */
    void check() {
        if (!parts.isEmpty()) {
            throw InvalidParameterException.summary(parts, violations);
        }
    }

    private String checked(JsonNode node, String path, Shape shape, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                violation(null, path, "Member must not be null", false);
            }
            return null;
        }
        if (!node.isTextual()) {
            throw AwsProtocolException.serialization("Expected a string at " + path);
        }
        String value = node.textValue();
        int length = value.codePointCount(0, value.length());
        if (length > shape.max()) {
            violation(value, path, "Member must have length less than or equal to " + shape.max(), shape.sensitive());
        } else if (length < shape.min()) {
            violation(value, path, "Member must have length greater than or equal to " + shape.min(),
                    shape.sensitive());
        } else if (shape.pattern() != null && !value.isEmpty() && !shape.pattern().matcher(value).matches()) {
            violation(value, path, "Member must satisfy regular expression pattern: " + shape.pattern().pattern(),
                    shape.sensitive());
        }
        return value;
    }

    private void violation(String value, String path, String constraint, boolean sensitive) {
        if (value == null) {
            parts.add("Value null at '" + path + "' failed to satisfy constraint: " + constraint);
        } else if (sensitive || value.length() > 2048) {
            parts.add(InvalidParameterException.part(path, constraint));
        } else {
            parts.add(InvalidParameterException.part(value, path, constraint));
        }
        violations.add(new Violation(path, constraint));
    }

    /** The member's full path: the enclosing structures' paths, then its own. */
    private String at(String member) {
        return prefix + path(member);
    }

    /** The model's member name as AWS paths spell it: first letter lower case. */
    static String path(String member) {
        return Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
