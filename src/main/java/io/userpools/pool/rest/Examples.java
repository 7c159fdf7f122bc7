package io.userpools.pool.rest;

/** Request examples for the OpenAPI document. */
final class Examples {

    static final String CREATE_POOL = """
            {
              "name": "customers",
              "aliasAttributes": ["email"],
              "autoVerifiedAttributes": ["email"],
              "attributesRequireVerificationBeforeUpdate": ["email"],
              "schema": [
                {"name": "email", "required": true},
                {"name": "tier", "type": "String", "mutable": true, "maxLength": 16}
              ]
            }""";

    static final String UPDATE_POOL = """
            {
              "autoVerifiedAttributes": ["email"],
              "attributesRequireVerificationBeforeUpdate": ["email"],
              "messaging": {"email": {"subject": "Your code", "message": "Your code is {####}."}},
              "passwordPolicy": {"minimumLength": 10}
            }""";

    static final String ADD_CUSTOM_ATTRIBUTES = """
            {
              "schema": [
                {"name": "plan", "type": "String", "maxLength": 32},
                {"name": "seats", "type": "Number", "minValue": 1, "maxValue": 500}
              ]
            }""";

    private Examples() {
    }
}
