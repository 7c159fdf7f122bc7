package io.userpools.signup.rest;

/** Request examples for the OpenAPI document. */
final class Examples {

    static final String SIGN_UP = """
            {"clientId": "4lbv1dq2qk3s2mgnj5sxvnwcrd", "username": "jdoe", "password": "Corr3ct#Horse",
             "attributes": {"email": "jdoe@example.com", "given_name": "Jane"}}""";

    static final String CONFIRM = """
            {"clientId": "4lbv1dq2qk3s2mgnj5sxvnwcrd", "username": "jdoe", "code": "123456"}""";

    static final String RESEND = """
            {"clientId": "4lbv1dq2qk3s2mgnj5sxvnwcrd", "username": "jdoe"}""";

    private Examples() {
    }
}
