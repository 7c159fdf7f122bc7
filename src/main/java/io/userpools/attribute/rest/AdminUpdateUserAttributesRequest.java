package io.userpools.attribute.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * The body of AdminUpdateUserAttributes and UpdateUserAttributes. A null or "" value deletes the
 * attribute. {@code clientMetadata} reaches the custom message trigger only; it is never stored.
 * The names and values of {@code attributes} are checked by the attribute policy, with Cognito's
 * texts (names 1 to 32 characters, values at most 2048).
 */
@RegisterForReflection // the constraint annotations of its components are read at run time
public record AdminUpdateUserAttributesRequest(
        @NotNull Map<String, String> attributes,
        Map<@NotNull @Size(max = 131072) String, @Size(max = 131072) String> clientMetadata) {
}
