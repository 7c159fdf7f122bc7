package io.userpools.client;

import java.util.List;

/** CreateUserPoolClient as the domain takes it, from either facade. Omitted lists and validities take Cognito's defaults. */
public record CreateClientCommand(
        String name,
        List<String> readAttributes,
        List<String> writeAttributes,
        List<String> explicitAuthFlows,
        Boolean generateSecret,
        Long accessTokenValidity,
        Long idTokenValidity,
        Long refreshTokenValidity,
        ValidityUnits tokenValidityUnits,
        String preventUserExistenceErrors,
        CognitoOnlySettings cognitoOnly) implements ClientInput {

    /** The unit of each validity: seconds, minutes, hours (access and ID default) or days (refresh default). */
    public record ValidityUnits(String accessToken, String idToken, String refreshToken) {
    }
}
