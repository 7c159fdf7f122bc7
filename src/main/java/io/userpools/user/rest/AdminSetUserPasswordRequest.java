package io.userpools.user.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of AdminSetUserPassword; {@code permanent} false (default) makes it temporary. */
@RegisterForReflection // the constraint annotations of its components are read at run time
public record AdminSetUserPasswordRequest(
        @NotNull @Size(min = 1, max = 256) @Pattern(regexp = "[\\S]+.*[\\S]+|[\\S]") String password,
        Boolean permanent) {
}
