package io.userpools.attribute;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same suite against the packaged application (the jar, or the native executable). */
@QuarkusIntegrationTest
class AdminDeleteUserAttributesIT extends AdminDeleteUserAttributesTest {
}
