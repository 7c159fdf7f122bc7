package io.userpools.pool;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The pool suite against the packaged application (the jar, or the native executable). */
@QuarkusIntegrationTest
class PoolResourceIT extends PoolResourceTest {
}
