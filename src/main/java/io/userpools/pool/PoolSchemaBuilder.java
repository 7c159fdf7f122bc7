package io.userpools.pool;

import io.userpools.common.error.CognitoException.Violation;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.pool.CreatePoolCommand.SchemaAttributeInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Builds and checks a new pool's schema and attribute settings, with Cognito's texts ([2.10]). */
public final class PoolSchemaBuilder {

    static final Set<String> USERNAME_ATTRIBUTES = Set.of(StandardAttributes.EMAIL, StandardAttributes.PHONE_NUMBER);
    static final Set<String> ALIAS_ATTRIBUTES = Set.of(StandardAttributes.EMAIL, StandardAttributes.PHONE_NUMBER,
            StandardAttributes.PREFERRED_USERNAME);
    static final int MAX_CUSTOM_ATTRIBUTES = 50;
    static final int MAX_CUSTOM_NAME_LENGTH = 20;
    static final Pattern CUSTOM_NAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");

    private PoolSchemaBuilder() {
    }

    /**
     * The full schema: the 20 standard attributes (with requested flags) followed by the custom
     * ones, named {@code custom:<name>} or {@code dev:custom:<name>} when developer-only.
     *
     * @throws InvalidParameterException for the first entry that breaks a rule of [1.2] or [2.10]
     */
    public static List<AttributeDefinition> schema(List<SchemaAttributeInput> requested) {
        Map<String, AttributeDefinition> result = new LinkedHashMap<>();
        StandardAttributes.DEFAULTS.forEach(a -> result.put(a.name(), a));
        int custom = 0;
        for (SchemaAttributeInput r : requested == null ? List.<SchemaAttributeInput>of() : requested) {
            AttributeDefinition standard = StandardAttributes.BY_NAME.get(r.name());
            if (standard != null) {
                if (result.get(r.name()) != standard) {
                    throw new InvalidParameterException("Duplicate attribute name in schema: " + r.name());
                }
                result.put(r.name(), standardWithFlags(standard, r));
                continue;
            }
            AttributeDefinition definition = custom(r);
            if (result.containsKey(definition.name())) {
                throw new InvalidParameterException("Duplicate attribute name in schema: " + r.name());
            }
            result.put(definition.name(), definition);
            custom++;
        }
        if (custom > MAX_CUSTOM_ATTRIBUTES) {
            throw new InvalidParameterException("A pool can have at most " + MAX_CUSTOM_ATTRIBUTES + " custom attributes.");
        }
        return List.copyOf(result.values());
    }

    private static AttributeDefinition standardWithFlags(AttributeDefinition standard, SchemaAttributeInput r) {
        boolean typeChanged = r.type() != null && !r.type().equals(standard.type().name());
        // a constraint equal to the standard one is no change: DescribeUserPool's output sent back
        boolean constraintsSet = differs(r.minLength(), standard.minLength())
                || differs(r.maxLength(), standard.maxLength())
                || differs(r.minValue(), standard.minValue()) || differs(r.maxValue(), standard.maxValue());
        if (typeChanged || Boolean.TRUE.equals(r.developerOnly()) || constraintsSet) {
            throw new InvalidParameterException("You can not change AttributeDataType or set developerOnlyAttribute "
                    + "for standard schema attribute " + r.name());
        }
        if (standard.name().equals(StandardAttributes.SUB)) {
            if (Boolean.TRUE.equals(r.mutable()) || Boolean.FALSE.equals(r.required())) {
                throw new InvalidParameterException("The standard attribute sub is always required and immutable.");
            }
            return standard;
        }
        return standard.withFlags(r.mutable() == null ? standard.mutable() : r.mutable(),
                r.required() == null ? standard.required() : r.required());
    }

    private static AttributeDefinition custom(SchemaAttributeInput r) {
        if (r.name() == null || r.name().isEmpty() || r.name().length() > MAX_CUSTOM_NAME_LENGTH
                || !CUSTOM_NAME.matcher(r.name()).matches()) {
            throw InvalidParameterException.detectedValue(r.name(), "schema.name", "Member must have length between 1 "
                    + "and " + MAX_CUSTOM_NAME_LENGTH + " and satisfy regular expression pattern: " + CUSTOM_NAME.pattern());
        }
        AttributeType type;
        try {
            type = r.type() == null ? null : AttributeType.valueOf(r.type());
        } catch (IllegalArgumentException e) {
            type = null;
        }
        if (type == null) {
            throw new InvalidParameterException(
                    "Invalid AttributeDataType input, consider using the provided AttributeDataType enum.");
        }
        if (Boolean.TRUE.equals(r.required())) {
            throw new InvalidParameterException("Required custom attributes are not supported currently.");
        }
        Integer minLength = null;
        Integer maxLength = null;
        Long minValue = null;
        Long maxValue = null;
        if (type == AttributeType.String) {
            minLength = r.minLength() == null ? 0 : r.minLength();
            maxLength = r.maxLength() == null ? AttributeDefinition.MAX_VALUE_LENGTH : r.maxLength();
            if (minLength < 0 || maxLength > AttributeDefinition.MAX_VALUE_LENGTH) {
                throw new InvalidParameterException("user." + r.name()
                        + ": String attributes cannot have a length of more than " + AttributeDefinition.MAX_VALUE_LENGTH
                        + " or less than 0.");
            }
            if (maxLength < minLength) {
                throw new InvalidParameterException("Max length cannot be less than min length.");
            }
        } else if (r.minLength() != null || r.maxLength() != null) {
            throw new InvalidParameterException("user." + r.name() + ": length constraints apply only to String attributes.");
        }
        if (type == AttributeType.Number) {
            minValue = r.minValue();
            maxValue = r.maxValue();
            if (minValue != null && maxValue != null && maxValue < minValue) {
                throw new InvalidParameterException("Max value cannot be less than min value.");
            }
        } else if (r.minValue() != null || r.maxValue() != null) {
            throw new InvalidParameterException("user." + r.name() + ": value constraints apply only to Number attributes.");
        }
        boolean developerOnly = Boolean.TRUE.equals(r.developerOnly());
        String name = (developerOnly ? AttributeDefinition.DEV_PREFIX : "") + AttributeDefinition.CUSTOM_PREFIX + r.name();
        boolean mutable = r.mutable() == null || r.mutable();
        return new AttributeDefinition(name, type, mutable, false, developerOnly, minLength, maxLength, minValue, maxValue);
    }

    /**
     * AddCustomAttributes ([L 7.2]): the schema with the requested custom attributes appended. Every
     * name is taken as a custom attribute's, without its prefix (a name holding {@code custom:} is
     * prefixed again, as Cognito does); all or nothing.
     *
     * @throws InvalidParameterException for a name the schema already has (custom or developer-only,
     *                                   or twice in the request), a required attribute, a broken
     *                                   constraint, or more than 50 custom attributes in all
     */
    public static List<AttributeDefinition> addCustom(List<AttributeDefinition> schema,
            List<SchemaAttributeInput> requested) {
        Map<String, AttributeDefinition> result = new LinkedHashMap<>();
        schema.forEach(a -> result.put(a.name(), a));
        for (SchemaAttributeInput r : requested) {
            AttributeDefinition definition = custom(r);
            String plain = AttributeDefinition.CUSTOM_PREFIX + r.name();
            if (result.containsKey(plain) || result.containsKey(AttributeDefinition.DEV_PREFIX + plain)) {
                throw new InvalidParameterException(plain + ": Existing attribute already has name " + plain + ".");
            }
            result.put(definition.name(), definition);
        }
        if (result.values().stream().filter(AttributeDefinition::isCustom).count() > MAX_CUSTOM_ATTRIBUTES) {
            throw new InvalidParameterException(
                    "Cannot add more than " + MAX_CUSTOM_ATTRIBUTES + " custom attributes to a user pool.");
        }
        return List.copyOf(result.values());
    }

    private static boolean differs(Number requested, Number standard) {
        return requested != null && (standard == null || requested.longValue() != standard.longValue());
    }

    /** Checks username, alias, auto-verified and verify-before-update attribute lists. */
    public static void checkAttributeSettings(List<String> usernameAttributes, List<String> aliasAttributes,
            List<String> autoVerified, List<String> requireVerification, List<AttributeDefinition> schema) {
        if (!usernameAttributes.isEmpty() && !aliasAttributes.isEmpty()) {
            throw new InvalidParameterException(
                    "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.");
        }
        List<String> errors = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        checkSubset(errors, violations, "usernameAttributes", usernameAttributes, USERNAME_ATTRIBUTES);
        checkSubset(errors, violations, "aliasAttributes", aliasAttributes, ALIAS_ATTRIBUTES);
        checkSubset(errors, violations, "autoVerifiedAttributes", autoVerified, StandardAttributes.VERIFIABLE);
        if (!errors.isEmpty()) {
            throw InvalidParameterException.summary(errors, violations);
        }
        if (!autoVerified.containsAll(requireVerification)) {
            throw new InvalidParameterException(
                    "All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes");
        }
        boolean preferredRequired = schema.stream()
                .anyMatch(a -> a.name().equals(StandardAttributes.PREFERRED_USERNAME) && a.required());
        if (preferredRequired && aliasAttributes.contains(StandardAttributes.PREFERRED_USERNAME)) {
            throw new InvalidParameterException("preferred_username cannot be required when it is an alias attribute.");
        }
    }

    /** Adds the summary part (the value quoted) and the violation when the list breaks the rule. */
    private static void checkSubset(List<String> errors, List<Violation> violations, String field,
            List<String> values, Set<String> allowed) {
        boolean repeats = values.size() != new java.util.HashSet<>(values).size();
        if (values.stream().anyMatch(java.util.Objects::isNull) || !allowed.containsAll(values) || repeats) {
            String constraint = "Member must satisfy enum value set: " + allowed.stream().sorted().toList()
                    + " without repeats";
            errors.add(InvalidParameterException.part(values, field, constraint));
            violations.add(new Violation(field, constraint));
        }
    }
}
