package io.userpools.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged service in its prod profile refuses to start without each of its three secrets,
 * and says which one is missing without printing the others; it also refuses a metrics key that
 * is an admin key too (optional USERPOOLS_METRICS_KEYS), naming ids only. Runs the jar that the build made
 * ({@link PackagedApp}), with the database of the other ITs.
 */
class ProdKeysIT {

    private static final String[] KEYS = {"USERPOOLS_TOKEN_KEY_ENCRYPTION_KEY", "USERPOOLS_CODES_HMAC_KEY",
            "USERPOOLS_OUTBOX_ENCRYPTION_KEY"};

    @ParameterizedTest
    @CsvSource({
            "USERPOOLS_TOKEN_KEY_ENCRYPTION_KEY, USERPOOLS_TOKEN_KEY_ENCRYPTION_KEY",
            "USERPOOLS_CODES_HMAC_KEY, userpools.codes.hmac-key",
            "USERPOOLS_OUTBOX_ENCRYPTION_KEY, userpools.outbox.encryption-key"})
    void startUpFailsWithoutTheKeyAndNamesIt(String missing, String named) throws Exception {
        assertThat(PackagedApp.JAR).exists();
        Map<String, String> env = new HashMap<>();
        env.put(missing, null);
        env.put("QUARKUS_HTTP_PORT", "0");
        try (PackagedApp app = PackagedApp.start(env)) {
            assertThat(app.process.waitFor(120, TimeUnit.SECONDS)).as("the service should stop by itself").isTrue();
            String log = app.log();
            assertThat(app.process.exitValue()).as(log).isNotZero();
            assertThat(log).contains(named);
            for (String key : KEYS) {
                String value = System.getenv(key);
                if (value != null && !key.equals(missing)) {
                    assertThat(log).doesNotContain(value);
                }
            }
        }
    }

    @Test
    void startUpFailsWhenAMetricsKeyIsAlsoAnAdminKey() throws Exception {
        assertThat(PackagedApp.JAR).exists();
        Map<String, String> env = new HashMap<>();
        env.put("USERPOOLS_ADMIN_KEYS", "ops:shared-prod-secret-1234");
        env.put("USERPOOLS_METRICS_KEYS", "prom:shared-prod-secret-1234");
        env.put("QUARKUS_HTTP_PORT", "0");
        try (PackagedApp app = PackagedApp.start(env)) {
            assertThat(app.process.waitFor(120, TimeUnit.SECONDS)).as("the service should stop by itself").isTrue();
            String log = app.log();
            assertThat(app.process.exitValue()).as(log).isNotZero();
            assertThat(log).contains("userpools.metrics.keys").contains("ops/prom")
                    .doesNotContain("shared-prod-secret-1234");
        }
    }
}
