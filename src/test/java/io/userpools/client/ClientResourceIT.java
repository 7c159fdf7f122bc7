package io.userpools.client;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same suite against the packaged application (the jar, or the native executable). */
@QuarkusIntegrationTest
class ClientResourceIT extends ClientResourceTest {
}
