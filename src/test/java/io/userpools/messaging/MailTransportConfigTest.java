package io.userpools.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service's own application.properties, read as Quarkus reads it (profile first, then the
 * environment above the file): in prod the mailer requires STARTTLS unless the environment says
 * otherwise.
 */
class MailTransportConfigTest {

    private static final Path PROPERTIES = Path.of("src", "main", "resources", "application.properties");
    private static final String START_TLS = "quarkus.mailer.start-tls";

    private static SmallRyeConfig config(String profile, Map<String, String> env) throws IOException {
        return new SmallRyeConfigBuilder().withProfile(profile)
                .withSources(new PropertiesConfigSource(PROPERTIES.toUri().toURL(), 250))
                .withSources(new EnvConfigSource(env, 300))
                .build();
    }

    @Test
    void prodRequiresStartTls() throws IOException {
        assertThat(config("prod", Map.of()).getOptionalValue(START_TLS, String.class)).contains("REQUIRED");
    }

    @Test
    void theEnvironmentCanSayOtherwiseInProd() throws IOException {
        assertThat(config("prod", Map.of("QUARKUS_MAILER_START_TLS", "DISABLED")).getValue(START_TLS, String.class))
                .isEqualTo("DISABLED");
    }

    @Test
    void devKeepsTheMailersDefault() throws IOException {
        assertThat(config("dev", Map.of()).getOptionalValue(START_TLS, String.class)).isEmpty();
    }
}
