package io.userpools.attribute.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * The body of AdminUpdateUserAttributes and UpdateUserAttributes. A null or "" value deletes the
 * attribute. {@code clientMetadata} reaches the custom message trigger only; it is never stored.
 */
public record AdminUpdateUserAttributesRequest(
        @NotNull Map<@NotNull @Size(min = 1, max = 32) String, @Size(max = 2048) String> attributes,
        Map<@NotNull @Size(max = 131072) String, @Size(max = 131072) String> clientMetadata) {
}
