package io.userpools.client.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.userpools.client.UpdateClientCommand;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of UpdateUserPoolClient: the client's settings, whole. As in Cognito, a setting left
 * out returns to its default; a left-out {@code name} keeps the client's name. The secret never
 * changes (there is no {@code generateSecret} here).
 */
@RegisterForReflection // the constraint annotations of its components are read at run time
public record UpdateUserPoolClientRequest(
        @Size(min = 1, max = 128) @Pattern(regexp = "[\\w\\s+=,.@-]+") String name,
        @Size(max = 100) List<@NotNull @Size(min = 1, max = 2048) String> readAttributes,
        @Size(max = 100) List<@NotNull @Size(min = 1, max = 2048) String> writeAttributes,
        @Size(max = 10) List<@NotNull String> explicitAuthFlows,
        Long accessTokenValidity,
        Long idTokenValidity,
        Long refreshTokenValidity,
        CreateUserPoolClientRequest.TokenValidityUnits tokenValidityUnits,
        @Schema(enumeration = {"LEGACY", "ENABLED"}) String preventUserExistenceErrors) {

    /** The domain command this body asks for. */
    public UpdateClientCommand toCommand() {
        return new UpdateClientCommand(name, readAttributes, writeAttributes, explicitAuthFlows, accessTokenValidity,
                idTokenValidity, refreshTokenValidity,
                CreateUserPoolClientRequest.TokenValidityUnits.toCommand(tokenValidityUnits),
                preventUserExistenceErrors, null);
    }
}
