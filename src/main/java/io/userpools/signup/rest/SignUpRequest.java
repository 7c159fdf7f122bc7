package io.userpools.signup.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.userpools.signup.SignUpCommand;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * The body of SignUp. {@code password} is required by the service (with Cognito's text when it is
 * missing); {@code validationData} is size-checked and discarded (no pre sign-up trigger).
 */
@RegisterForReflection // the constraint annotations of its components are read at run time
public record SignUpRequest(
        @NotNull @Size(min = 1, max = 128) @Pattern(regexp = "[\\w+]+") String clientId,
        @Size(max = 128) String secretHash,
        @NotNull @Size(min = 1, max = 128) @Pattern(regexp = "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+") String username,
        String password,
        Map<@Size(min = 1, max = 32) String, @Size(max = 2048) String> attributes,
        Map<@Size(min = 1, max = 32) String, @Size(max = 2048) String> validationData,
        Map<@Size(max = 131072) String, @Size(max = 131072) String> clientMetadata) {

    /** The domain command this body asks for. */
    public SignUpCommand toCommand() {
        return new SignUpCommand(clientId, secretHash, username, password, attributes, clientMetadata);
    }
}
