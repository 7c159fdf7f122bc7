package io.userpools.client;

import java.util.List;

/**
 * The settings that CreateUserPoolClient and UpdateUserPoolClient both take, from either facade.
 * A null member is left out: it takes Cognito's default (on update too, as in Cognito).
 */
public interface ClientInput {

    List<String> readAttributes();

    List<String> writeAttributes();

    List<String> explicitAuthFlows();

    Long accessTokenValidity();

    Long idTokenValidity();

    /** In its unit; 0 means the default, as in Cognito. */
    Long refreshTokenValidity();

    CreateClientCommand.ValidityUnits tokenValidityUnits();

    String preventUserExistenceErrors();

    /** The Cognito settings Userpools has no machinery for; null when none was given (the REST facade). */
    CognitoOnlySettings cognitoOnly();
}
