package io.userpools.pool.rest;

import io.userpools.pool.PoolSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of CreateUserPool. Unknown fields are rejected. */
public record CreateUserPoolRequest(
        @NotNull @Size(min = 1, max = 128) @Pattern(regexp = "[\\w\\s+=,.@-]+") String name,
        List<String> usernameAttributes,
        List<String> aliasAttributes,
        List<String> autoVerifiedAttributes,
        List<String> attributesRequireVerificationBeforeUpdate,
        Boolean usernameCaseSensitive,
        @Size(max = 50) List<@Valid @NotNull SchemaAttributeRequest> schema,
        PoolSettings.Triggers triggers,
        PoolSettings.Messaging messaging,
        PoolSettings.PasswordPolicy passwordPolicy,
        PoolSettings.TokenValidity tokenValidity) {

    /**
     * One schema entry. For a custom attribute, {@code name} has no {@code custom:} prefix; a
     * standard attribute may only set {@code required} and {@code mutable}.
     */
    public record SchemaAttributeRequest(
            @NotNull @Size(min = 1, max = 20) @Pattern(regexp = "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+") String name,
            String type,
            Boolean mutable,
            Boolean required,
            Boolean developerOnly,
            Integer minLength,
            Integer maxLength,
            Long minValue,
            Long maxValue) {
    }
}
