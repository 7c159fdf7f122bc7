package io.userpools.password.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.userpools.password.ConfirmForgotPasswordCommand;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * ConfirmForgotPassword: the code that ForgotPassword or AdminResetUserPassword sent, and the new
 * password. {@code clientMetadata} is accepted and ignored (Cognito passes it to post-confirmation
 * triggers only).
 */
@RegisterForReflection // the constraint annotations of its components are read at run time
public record ConfirmForgotPasswordRequest(
        @NotNull @Size(min = 1, max = 128) @Pattern(regexp = "[\\w+]+") String clientId,
        @Size(min = 1, max = 128) String secretHash,
        @NotNull @Size(min = 1, max = 128) String username,
        @NotNull @Size(min = 1, max = 2048) @Pattern(regexp = "\\S+") String code,
        @NotNull @Size(min = 1, max = 256) @Pattern(regexp = "[\\S]+.*[\\S]+|[\\S]") String password,
        Map<@NotNull @Size(max = 131072) String, @Size(max = 131072) String> clientMetadata) {

    /** The domain command this body asks for. */
    public ConfirmForgotPasswordCommand toCommand() {
        return new ConfirmForgotPasswordCommand(clientId, secretHash, username, code, password);
    }

    @Override
    public String toString() {
        return "ConfirmForgotPasswordRequest[" + clientId + "]";
    }
}
