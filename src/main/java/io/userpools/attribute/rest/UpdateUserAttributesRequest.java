package io.userpools.attribute.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.userpools.common.OpenApiProblems;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of UpdateUserAttributes (the signed-in user's own). A null or "" value deletes the
 * attribute; only the attributes the app client may write are allowed. {@code clientMetadata}
 * reaches the custom message trigger only; it is never stored.
 */
@RegisterForReflection // the constraint annotations of its components are read at run time
public record UpdateUserAttributesRequest(
        @Schema(extensions = @Extension(name = OpenApiProblems.NULL_DELETES, value = "true"))
        @NotNull Map<String, String> attributes,
        Map<@NotNull @Size(max = 131072) String, @Size(max = 131072) String> clientMetadata) {
}
