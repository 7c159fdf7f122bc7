package io.userpools.user.rest;

/** Request examples for the OpenAPI document. */
final class Examples {

    static final String CREATE_USER = """
            {
              "username": "jdoe",
              "attributes": {"email": "jdoe@example.com", "email_verified": "true", "custom:tier": "gold"},
              "temporaryPassword": "Temp#Passw0rd",
              "messageAction": "SUPPRESS"
            }""";

    static final String SET_PASSWORD = """
            {"password": "N3w#Passw0rd", "permanent": true}""";

    static final String FILTER = "email ^= \"jdoe@\"";

    private Examples() {
    }
}
