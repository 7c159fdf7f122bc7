package io.userpools.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same suite against the packaged application (the jar, or the native executable). */
@QuarkusIntegrationTest
class SelfServiceIT extends SelfServiceTest {
}
