package io.userpools.client.rest;

/** Request examples for the OpenAPI document. */
final class Examples {

    static final String CREATE_CLIENT = """
            {
              "name": "web",
              "readAttributes": ["email", "email_verified", "name", "custom:tier"],
              "writeAttributes": ["email", "name"],
              "explicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
              "generateSecret": false,
              "accessTokenValidity": 60,
              "tokenValidityUnits": {"accessToken": "minutes"}
            }""";

    static final String UPDATE_CLIENT = """
            {
              "name": "web",
              "readAttributes": ["email", "email_verified", "name"],
              "writeAttributes": ["email", "name"],
              "explicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
              "accessTokenValidity": 30,
              "tokenValidityUnits": {"accessToken": "minutes"},
              "preventUserExistenceErrors": "ENABLED"
            }""";

    private Examples() {
    }
}
