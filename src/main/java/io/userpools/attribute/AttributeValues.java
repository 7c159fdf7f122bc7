package io.userpools.attribute;

import io.userpools.pool.AttributeDefinition;
import io.userpools.pool.StandardAttributes;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Type, length and format checks for one non-blank attribute value (behaviour spec 1.1, 1.2 and
 * 2.1 step 5). Pure functions; the first failing rule of a value is reported.
 */
public final class AttributeValues {

    public static final String INVALID_EMAIL = "Invalid email address format.";
    public static final String INVALID_PHONE = "Invalid phone number format.";

    /**
     * Pragmatic address check, not RFC 5322: one {@code @}, a non-empty local part, a domain of at
     * least two non-empty dot-separated labels, no whitespace anywhere. Possessive: each part
     * excludes the character that ends it, so nothing taken ever needs giving back, and a value
     * can never make the match backtrack.
     */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]++@[^@\\s.]++(?:\\.[^@\\s.]++)++");
    /** E.164 as Cognito wants it: {@code +}, then the country code and number, 1 to 15 digits. */
    private static final Pattern PHONE = Pattern.compile("\\+[0-9]{1,15}");
    /** An integer or a plain decimal, optionally signed; no exponent, no grouping. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?+[0-9]++(?:\\.[0-9]++)?+");
    private static final int BIRTHDATE_LENGTH = 10;

    private AttributeValues() {
    }

    /**
     * Checks {@code value} (non-blank) against its schema definition.
     *
     * @return the message of the first rule it breaks, or empty when it is acceptable
     */
    public static Optional<String> check(AttributeDefinition definition, String value) {
        String name = definition.name();
        if (value.indexOf('\0') >= 0) {
            // Our wording [D]: PostgreSQL can't store NUL, and no Cognito attribute needs it.
            return Optional.of(prefix(name) + "Attribute value must not contain NUL characters");
        }
        if (value.length() > AttributeDefinition.MAX_VALUE_LENGTH) {
            // [D] the hard 2048 limit (spec 1.3) uses the String wording for every type
            return Optional.of(tooLong(name, AttributeDefinition.MAX_VALUE_LENGTH));
        }
        return switch (definition.type()) {
            case String -> checkString(definition, value);
            case Number -> checkNumber(definition, value);
            case Boolean -> isBoolean(value) ? Optional.empty()
                    // Our wording [D]: Cognito's text for a bad Boolean is not documented.
                    : Optional.of(prefix(name) + "Attribute value must be true or false");
            case DateTime -> isDateTime(value) ? Optional.empty()
                    // Our wording [D]: the accepted form is ours, see isDateTime.
                    : Optional.of(prefix(name) + "Attribute value must be an ISO-8601 date-time with offset");
        };
    }

    public static boolean isBoolean(String value) {
        return "true".equals(value) || "false".equals(value);
    }

    public static boolean isEmail(String value) {
        return EMAIL.matcher(value).matches();
    }

    public static boolean isPhoneNumber(String value) {
        return PHONE.matcher(value).matches();
    }

    /**
     * [D] A DateTime value is an RFC 3339 / ISO-8601 date-time with a zone offset, such as
     * {@code 2024-05-01T10:15:30Z} or {@code 2024-05-01T10:15:30.5+02:00}. Local date-times
     * without offset and bare dates are rejected because they name no instant.
     */
    public static boolean isDateTime(String value) {
        try {
            OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static Optional<String> checkString(AttributeDefinition definition, String value) {
        String name = definition.name();
        int min = definition.minLength() == null ? 0 : definition.minLength();
        int max = definition.maxLength() == null ? AttributeDefinition.MAX_VALUE_LENGTH
                : Math.min(definition.maxLength(), AttributeDefinition.MAX_VALUE_LENGTH);
        if (StandardAttributes.BIRTHDATE.equals(name)) {
            min = BIRTHDATE_LENGTH;
            max = BIRTHDATE_LENGTH;
        }
        int length = value.length();
        if (length < min) {
            return Optional.of(prefix(name) + "String must be no shorter than " + min + " characters");
        }
        if (length > max) {
            return Optional.of(tooLong(name, max));
        }
        if (StandardAttributes.EMAIL.equals(name) && !isEmail(value)) {
            return Optional.of(INVALID_EMAIL);
        }
        if (StandardAttributes.PHONE_NUMBER.equals(name) && !isPhoneNumber(value)) {
            return Optional.of(INVALID_PHONE);
        }
        return Optional.empty();
    }

    // Our wording [D]: Cognito's texts for Number values are not documented; these mirror the
    // String length messages.
    private static Optional<String> checkNumber(AttributeDefinition definition, String value) {
        String name = definition.name();
        if (!NUMBER.matcher(value).matches()) {
            return Optional.of(prefix(name) + "Attribute value must be a number");
        }
        BigDecimal number = new BigDecimal(value);
        if (definition.minValue() != null && number.compareTo(BigDecimal.valueOf(definition.minValue())) < 0) {
            return Optional.of(prefix(name) + "Number must be no less than " + definition.minValue());
        }
        if (definition.maxValue() != null && number.compareTo(BigDecimal.valueOf(definition.maxValue())) > 0) {
            return Optional.of(prefix(name) + "Number must be no greater than " + definition.maxValue());
        }
        return Optional.empty();
    }

    private static String tooLong(String name, int max) {
        return prefix(name) + "String must be no longer than " + max + " characters";
    }

    private static String prefix(String name) {
        return "user." + name + ": ";
    }
}
