package io.userpools.pool;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One attribute of a pool's schema. {@code name} is the full Cognito name: {@code email},
 * {@code custom:tier}, or {@code dev:custom:legacy} for a developer-only custom attribute.
 * Length constraints apply to String attributes, value constraints to Number attributes;
 * null means Cognito's default.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttributeDefinition(
        String name,
        AttributeType type,
        boolean mutable,
        boolean required,
        boolean developerOnly,
        Integer minLength,
        Integer maxLength,
        Long minValue,
        Long maxValue) {

    public static final int MAX_VALUE_LENGTH = 2048;
    public static final String CUSTOM_PREFIX = "custom:";
    public static final String DEV_PREFIX = "dev:";

    @JsonIgnore
    public boolean isCustom() {
        return name.startsWith(CUSTOM_PREFIX) || name.startsWith(DEV_PREFIX);
    }

    @JsonIgnore
    public boolean isVerifiedFlag() {
        return name.equals(StandardAttributes.EMAIL_VERIFIED) || name.equals(StandardAttributes.PHONE_NUMBER_VERIFIED);
    }

    public AttributeDefinition withFlags(boolean mutable, boolean required) {
        return new AttributeDefinition(name, type, mutable, required, developerOnly, minLength, maxLength, minValue, maxValue);
    }
}
