package io.userpools.signup.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.userpools.signup.ResendConfirmationCodeCommand;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** The body of ResendConfirmationCode. */
@RegisterForReflection // the constraint annotations of its components are read at run time
public record ResendConfirmationCodeRequest(
        @NotNull @Size(min = 1, max = 128) @Pattern(regexp = "[\\w+]+") String clientId,
        @Size(max = 128) String secretHash,
        @NotNull @Size(min = 1, max = 128) @Pattern(regexp = "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+") String username,
        Map<@Size(max = 131072) String, @Size(max = 131072) String> clientMetadata) {

    /** The domain command this body asks for. */
    public ResendConfirmationCodeCommand toCommand() {
        return new ResendConfirmationCodeCommand(clientId, secretHash, username, clientMetadata);
    }
}
