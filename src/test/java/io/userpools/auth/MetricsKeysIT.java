package io.userpools.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same suite against the packaged application, whose metrics keys come from USERPOOLS_METRICS_KEYS. */
@QuarkusIntegrationTest
class MetricsKeysIT extends MetricsKeysTest {
}
