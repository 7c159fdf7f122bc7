package io.userpools.verification.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of VerifyUserAttribute: the code that was sent (Cognito's shape: 1–2048, no blanks). */
@RegisterForReflection // the constraint annotations of its components are read at run time
public record VerifyUserAttributeRequest(@NotNull @Size(min = 1, max = 2048) @Pattern(regexp = "\\S+") String code) {
}
