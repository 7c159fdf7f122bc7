package io.userpools.auth.rest;

/** Request examples for the OpenAPI document. */
final class Examples {

    static final String SIGN_IN = """
            {"clientId": "4lbv1dq2qk3s2mgnj5sxvnwcrd", "username": "jdoe", "password": "Corr3ct#Horse"}""";

    static final String REFRESH = """
            {"clientId": "4lbv1dq2qk3s2mgnj5sxvnwcrd", "refreshToken": "q0Zr4oJm1pQ3cV8rT6yXb9wE2uN5kA7sD1fG3hJ4kL0"}""";

    static final String NEW_PASSWORD = """
            {"clientId": "4lbv1dq2qk3s2mgnj5sxvnwcrd", "challengeName": "NEW_PASSWORD_REQUIRED",
             "session": "<session from the sign-in answer>", "username": "jdoe", "newPassword": "N3w#Passw0rd"}""";

    private Examples() {
    }
}
