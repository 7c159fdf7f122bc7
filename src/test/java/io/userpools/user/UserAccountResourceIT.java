package io.userpools.user;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same suite against the packaged application (the jar, or the native executable). */
@QuarkusIntegrationTest
class UserAccountResourceIT extends UserAccountResourceTest {
}
