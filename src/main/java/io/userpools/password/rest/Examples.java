package io.userpools.password.rest;

/** Request examples for the OpenAPI document. */
final class Examples {

    static final String FORGOT_PASSWORD = """
            {"clientId": "3n4b5urk1ft4fl3mg5e62d9ado", "username": "jdoe", "clientMetadata": {"source": "web"}}""";

    static final String CONFIRM_FORGOT_PASSWORD = """
            {"clientId": "3n4b5urk1ft4fl3mg5e62d9ado", "username": "jdoe", "code": "123456",
             "password": "N3w#Passw0rd"}""";

    static final String CHANGE_PASSWORD = """
            {"previousPassword": "Old#Passw0rd", "proposedPassword": "N3w#Passw0rd"}""";

    static final String RESET_PASSWORD = """
            {"clientMetadata": {"reason": "suspected leak"}}""";

    private Examples() {
    }
}
