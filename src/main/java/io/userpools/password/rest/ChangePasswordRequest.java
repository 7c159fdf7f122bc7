package io.userpools.password.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** ChangePassword: the current password (required, as every user here has one) and the new one. */
@RegisterForReflection // the constraint annotations of its components are read at run time
public record ChangePasswordRequest(
        @Size(min = 1, max = 256) @Pattern(regexp = "[\\S]+.*[\\S]+|[\\S]") String previousPassword,
        @NotNull @Size(min = 1, max = 256) @Pattern(regexp = "[\\S]+.*[\\S]+|[\\S]") String proposedPassword) {

    @Override
    public String toString() {
        return "ChangePasswordRequest";
    }
}
