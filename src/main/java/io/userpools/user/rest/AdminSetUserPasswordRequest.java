package io.userpools.user.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of AdminSetUserPassword; {@code permanent} false (default) makes it temporary. */
public record AdminSetUserPasswordRequest(
        @NotNull @Size(min = 1, max = 256) @Pattern(regexp = "[\\S]+.*[\\S]+|[\\S]") String password,
        Boolean permanent) {
}
