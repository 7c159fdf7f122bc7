package io.userpools.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged service in its prod profile refuses to start without each of its three secrets,
 * and says which one is missing without printing the others. Runs the jar that the build made
 * (target/quarkus-app), with the test JVM's java and the database of the other ITs.
 */
class ProdKeysIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final String[] KEYS = {"USERPOOLS_TOKEN_KEY_ENCRYPTION_KEY", "USERPOOLS_CODES_HMAC_KEY",
            "USERPOOLS_OUTBOX_ENCRYPTION_KEY"};

    @ParameterizedTest
    @CsvSource({
            "USERPOOLS_TOKEN_KEY_ENCRYPTION_KEY, USERPOOLS_TOKEN_KEY_ENCRYPTION_KEY",
            "USERPOOLS_CODES_HMAC_KEY, userpools.codes.hmac-key",
            "USERPOOLS_OUTBOX_ENCRYPTION_KEY, userpools.outbox.encryption-key"})
    void startUpFailsWithoutTheKeyAndNamesIt(String missing, String named) throws Exception {
        assertThat(JAR).exists();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString()).redirectErrorStream(true);
        File output = Files.createTempFile("prod-keys", ".log").toFile();
        builder.redirectOutput(output);
        Map<String, String> env = builder.environment();
        env.remove(missing);
        env.put("QUARKUS_HTTP_PORT", "0");
        Process process = builder.start();
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the service should stop by itself").isTrue();
            String log = read(output);
            assertThat(process.exitValue()).as(log).isNotZero();
            assertThat(log).contains(named);
            for (String key : KEYS) {
                String value = System.getenv(key);
                if (value != null && !key.equals(missing)) {
                    assertThat(log).doesNotContain(value);
                }
            }
        } finally {
            process.destroyForcibly();
            output.delete();
        }
    }

    private static String read(File file) throws IOException {
        return Files.readString(file.toPath(), StandardCharsets.UTF_8);
    }
}
