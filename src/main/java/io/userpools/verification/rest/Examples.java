package io.userpools.verification.rest;

/** Request examples for the OpenAPI document. */
final class Examples {

    static final String SEND_CODE = """
            {"clientMetadata": {"source": "settings-page"}}""";

    static final String VERIFY = """
            {"code": "123456"}""";

    private Examples() {
    }
}
