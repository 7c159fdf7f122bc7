package io.userpools.client;

import java.util.List;

/**
 * UpdateUserPoolClient as the domain takes it, from either facade. As in Cognito, every setting
 * left out (null) returns to its default; a null {@code name} keeps the client's name, and the
 * secret never changes.
 */
public record UpdateClientCommand(
        String name,
        List<String> readAttributes,
        List<String> writeAttributes,
        List<String> explicitAuthFlows,
        Long accessTokenValidity,
        Long idTokenValidity,
        Long refreshTokenValidity,
        CreateClientCommand.ValidityUnits tokenValidityUnits,
        String preventUserExistenceErrors,
        CognitoOnlySettings cognitoOnly) implements ClientInput {
}
