package io.userpools.common;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same suite against the packaged application: the document the build wrote is in the jar. */
@QuarkusIntegrationTest
class OpenApiIT extends OpenApiTest {
}
