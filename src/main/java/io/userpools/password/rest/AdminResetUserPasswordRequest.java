package io.userpools.password.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * The optional body of AdminResetUserPassword. {@code clientMetadata} reaches the custom message
 * trigger only; it is never stored or logged.
 */
@RegisterForReflection // the constraint annotations of its components are read at run time
public record AdminResetUserPasswordRequest(
        Map<@NotNull @Size(max = 131072) String, @Size(max = 131072) String> clientMetadata) {
}
