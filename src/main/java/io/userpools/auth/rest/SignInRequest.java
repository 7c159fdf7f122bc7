package io.userpools.auth.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.userpools.auth.SignInCommand;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** InitiateAuth with USER_PASSWORD_AUTH. {@code secretHash} is needed when the client has a secret. */
@RegisterForReflection // the constraint annotations of its components are read at run time
public record SignInRequest(
        @NotNull @Size(min = 1, max = 128) @Pattern(regexp = "[\\w+]+") String clientId,
        @NotNull @Size(min = 1, max = 128) String username,
        @NotNull @Size(min = 1, max = 256) String password,
        @Size(max = 128) String secretHash,
        Map<@Size(max = 131072) String, @Size(max = 131072) String> clientMetadata) {

    /** The domain command this body asks for. */
    public SignInCommand toCommand() {
        return new SignInCommand(clientId, username, password, secretHash, clientMetadata);
    }
}
