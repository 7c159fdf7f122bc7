package io.userpools.password.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.userpools.password.ForgotPasswordCommand;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * ForgotPassword. {@code secretHash} is needed when the client has a secret; {@code clientMetadata}
 * reaches the custom message trigger only and is never stored or logged.
 */
@RegisterForReflection // the constraint annotations of its components are read at run time
public record ForgotPasswordRequest(
        @NotNull @Size(min = 1, max = 128) @Pattern(regexp = "[\\w+]+") String clientId,
        @Size(min = 1, max = 128) String secretHash,
        @NotNull @Size(min = 1, max = 128) String username,
        Map<@NotNull @Size(max = 131072) String, @Size(max = 131072) String> clientMetadata) {

    /** The domain command this body asks for. */
    public ForgotPasswordCommand toCommand() {
        return new ForgotPasswordCommand(clientId, secretHash, username, clientMetadata);
    }
}
