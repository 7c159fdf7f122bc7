package io.userpools.attribute.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import io.userpools.common.OpenApiProblems;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of AdminUpdateUserAttributes ({@link UpdateUserAttributesRequest} is the self-service
 * one). A null or "" value deletes the
 * attribute. {@code clientMetadata} reaches the custom message trigger only; it is never stored.
 * The names and values of {@code attributes} are checked by the attribute policy, with Cognito's
 * texts (names 1 to 32 characters, values at most 2048).
 */
@RegisterForReflection // the constraint annotations of its components are read at run time
public record AdminUpdateUserAttributesRequest(
        @Schema(extensions = @Extension(name = OpenApiProblems.NULL_DELETES, value = "true"))
        @NotNull Map<String, String> attributes,
        Map<@NotNull @Size(max = 131072) String, @Size(max = 131072) String> clientMetadata) {
}
