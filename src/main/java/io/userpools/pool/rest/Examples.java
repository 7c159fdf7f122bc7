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

    private Examples() {
    }
}
