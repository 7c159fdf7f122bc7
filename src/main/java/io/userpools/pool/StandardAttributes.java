package io.userpools.pool;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The 20 standard attributes with the defaults that Cognito gives a new pool. */
public final class StandardAttributes {

    public static final String SUB = "sub";
    public static final String EMAIL = "email";
    public static final String EMAIL_VERIFIED = "email_verified";
    public static final String PHONE_NUMBER = "phone_number";
    public static final String PHONE_NUMBER_VERIFIED = "phone_number_verified";
    public static final String PREFERRED_USERNAME = "preferred_username";
    public static final String BIRTHDATE = "birthdate";
    public static final String UPDATED_AT = "updated_at";

    /** The attributes that can be verified with a code. */
    public static final Set<String> VERIFIABLE = Set.of(EMAIL, PHONE_NUMBER);

    public static final List<AttributeDefinition> DEFAULTS = List.of(
            new AttributeDefinition(SUB, AttributeType.String, false, true, false, 1, 2048, null, null),
            text("name"), text("given_name"), text("family_name"), text("middle_name"), text("nickname"),
            text(PREFERRED_USERNAME), text("profile"), text("picture"), text("website"),
            text(EMAIL),
            flag(EMAIL_VERIFIED),
            text("gender"),
            new AttributeDefinition(BIRTHDATE, AttributeType.String, true, false, false, 10, 10, null, null),
            text("zoneinfo"), text("locale"),
            text(PHONE_NUMBER),
            flag(PHONE_NUMBER_VERIFIED),
            text("address"),
            new AttributeDefinition(UPDATED_AT, AttributeType.Number, true, false, false, null, null, 0L, null));

    public static final Map<String, AttributeDefinition> BY_NAME = DEFAULTS.stream()
            .collect(Collectors.toUnmodifiableMap(AttributeDefinition::name, Function.identity()));

    private StandardAttributes() {
    }

    public static boolean isStandard(String name) {
        return BY_NAME.containsKey(name);
    }

    /** The flag attribute that records whether {@code attribute} is verified. */
    public static String verifiedFlagOf(String attribute) {
        return attribute + "_verified";
    }

    private static AttributeDefinition text(String name) {
        return new AttributeDefinition(name, AttributeType.String, true, false, false, 0, 2048, null, null);
    }

    private static AttributeDefinition flag(String name) {
        return new AttributeDefinition(name, AttributeType.Boolean, true, false, false, null, null, null, null);
    }
}
