package io.userpools.verification.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of VerifyUserAttribute: the code that was sent (Cognito's shape: 1–2048, no blanks). */
public record VerifyUserAttributeRequest(@NotNull @Size(min = 1, max = 2048) @Pattern(regexp = "\\S+") String code) {
}
