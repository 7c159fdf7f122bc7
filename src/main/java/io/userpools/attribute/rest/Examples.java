package io.userpools.attribute.rest;

/** Request examples for the OpenAPI document. */
final class Examples {

    static final String UPDATE = """
            {
              "attributes": {"email": "new@example.com", "custom:tier": "gold", "nickname": ""},
              "clientMetadata": {"source": "crm"}
            }""";

    static final String SELF_UPDATE = """
            {"attributes": {"name": "Jane Doe", "nickname": ""}}""";

    private Examples() {
    }
}
