package io.userpools.client.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.userpools.client.CreateClientCommand;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of CreateUserPoolClient. Omitted lists and validities take Cognito's defaults. */
@RegisterForReflection // the constraint annotations of its components are read at run time
public record CreateUserPoolClientRequest(
        @NotNull @Size(min = 1, max = 128) @Pattern(regexp = "[\\w\\s+=,.@-]+") String name,
        @Size(max = 100) List<@NotNull @Size(min = 1, max = 2048) String> readAttributes,
        @Size(max = 100) List<@NotNull @Size(min = 1, max = 2048) String> writeAttributes,
        @Size(max = 10) List<@NotNull String> explicitAuthFlows,
        Boolean generateSecret,
        Long accessTokenValidity,
        Long idTokenValidity,
        Long refreshTokenValidity,
        TokenValidityUnits tokenValidityUnits,
        @Schema(enumeration = {"LEGACY", "ENABLED"}) String preventUserExistenceErrors) {

    /** The unit of each validity: seconds, minutes, hours (access and ID default) or days (refresh default). */
    @Schema(name = "TokenValidityUnitsRequest") // ClientSettings.TokenValidityUnits is the view's
    public record TokenValidityUnits(
            @Schema(enumeration = {"seconds", "minutes", "hours", "days"}) String accessToken,
            @Schema(enumeration = {"seconds", "minutes", "hours", "days"}) String idToken,
            @Schema(enumeration = {"seconds", "minutes", "hours", "days"}) String refreshToken) {

        /** The domain's units, or null when the body has none. */
        static CreateClientCommand.ValidityUnits toCommand(TokenValidityUnits units) {
            return units == null ? null
                    : new CreateClientCommand.ValidityUnits(units.accessToken(), units.idToken(), units.refreshToken());
        }
    }

    /** The domain command this body asks for. */
    public CreateClientCommand toCommand() {
        return new CreateClientCommand(name, readAttributes, writeAttributes, explicitAuthFlows, generateSecret,
                accessTokenValidity, idTokenValidity, refreshTokenValidity,
                TokenValidityUnits.toCommand(tokenValidityUnits), preventUserExistenceErrors, null);
    }
}
