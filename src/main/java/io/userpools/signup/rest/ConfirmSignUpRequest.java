package io.userpools.signup.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.userpools.signup.ConfirmSignUpCommand;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** The body of ConfirmSignUp; {@code clientMetadata} is accepted and unused (no post-confirmation trigger). */
@RegisterForReflection // the constraint annotations of its components are read at run time
public record ConfirmSignUpRequest(
        @NotNull @Size(min = 1, max = 128) @Pattern(regexp = "[\\w+]+") String clientId,
        @Size(max = 128) String secretHash,
        @NotNull @Size(min = 1, max = 128) @Pattern(regexp = "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+") String username,
        @NotNull @Size(min = 1, max = 2048) String code,
        Boolean forceAliasCreation,
        Map<@Size(max = 131072) String, @Size(max = 131072) String> clientMetadata) {

    /** The domain command this body asks for. */
    public ConfirmSignUpCommand toCommand() {
        return new ConfirmSignUpCommand(clientId, secretHash, username, code, Boolean.TRUE.equals(forceAliasCreation));
    }
}
