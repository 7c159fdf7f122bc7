package io.userpools.auth.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.userpools.auth.RefreshCommand;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * InitiateAuth with REFRESH_TOKEN_AUTH. {@code secretHash} is needed when the client has a secret,
 * computed with the user's username.
 */
@RegisterForReflection // the constraint annotations of its components are read at run time
public record RefreshRequest(
        @NotNull @Size(min = 1, max = 128) @Pattern(regexp = "[\\w+]+") String clientId,
        @NotNull @Size(min = 1, max = 2048) String refreshToken,
        @Size(max = 128) String secretHash) {

    /** The domain command this body asks for. */
    public RefreshCommand toCommand() {
        return new RefreshCommand(clientId, refreshToken, secretHash);
    }
}
