package io.userpools.userimport.rest;

/** Request examples for the OpenAPI document. */
final class Examples {

    static final String CSV = """
            cognito:username,email,email_verified,cognito:mfa_enabled
            jdoe,jdoe@example.com,true,false
            asmith,asmith@example.com,true,false
            """;

    private Examples() {
    }
}
