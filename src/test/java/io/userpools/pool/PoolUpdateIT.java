package io.userpools.pool;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The pool update suite against the packaged application (the jar, or the native executable). */
@QuarkusIntegrationTest
class PoolUpdateIT extends PoolUpdateTest {
}
