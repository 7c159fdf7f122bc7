package io.userpools.user.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.userpools.user.CreateUserCommand;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** The body of AdminCreateUser. {@code clientMetadata} is accepted, size-checked, never stored. */
@RegisterForReflection // the constraint annotations of its components are read at run time
public record AdminCreateUserRequest(
        @NotNull @Size(min = 1, max = 128) @Pattern(regexp = "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+") String username,
        Map<@Size(min = 1, max = 32) String, @Size(max = 2048) String> attributes,
        @Size(max = 256) @Pattern(regexp = "\\S+") String temporaryPassword,
        @Pattern(regexp = "RESEND|SUPPRESS") String messageAction,
        Boolean forceAliasCreation,
        Map<@Size(max = 131072) String, @Size(max = 131072) String> clientMetadata,
        @Size(max = 2) List<@NotNull @Pattern(regexp = "EMAIL|SMS") String> desiredDeliveryMediums) {

    /** The domain command this body asks for. */
    public CreateUserCommand toCommand() {
        return new CreateUserCommand(username, attributes, temporaryPassword, messageAction, forceAliasCreation,
                clientMetadata, desiredDeliveryMediums);
    }
}
