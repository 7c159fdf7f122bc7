package io.userpools.auth.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.userpools.auth.NewPasswordCommand;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** RespondToAuthChallenge for NEW_PASSWORD_REQUIRED: the session of the challenge and a new password. */
@RegisterForReflection // the constraint annotations of its components are read at run time
public record RespondToAuthChallengeRequest(
        @NotNull @Size(min = 1, max = 128) @Pattern(regexp = "[\\w+]+") String clientId,
        @Pattern(regexp = "NEW_PASSWORD_REQUIRED") String challengeName,
        @NotNull @Size(min = 20, max = 2048) String session,
        @NotNull @Size(min = 1, max = 128) String username,
        @NotNull @Size(min = 1, max = 256) String newPassword,
        @Size(max = 128) String secretHash) {

    /** The domain command this body asks for. */
    public NewPasswordCommand toCommand() {
        return new NewPasswordCommand(clientId, challengeName, session, username, newPassword, secretHash);
    }
}
