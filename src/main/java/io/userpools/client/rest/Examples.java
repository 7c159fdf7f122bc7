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

    private Examples() {
    }
}
