package io.userpools.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.util.Map;

/**
 * Puts a {@link TcpProxy} between the service and the test database (the one that
 * {@code QUARKUS_DATASOURCE_REACTIVE_URL} names) before Quarkus starts, and hands it to the test's
 * field annotated {@link InjectProxy}.
 */
public class DatabaseProxyResource implements QuarkusTestResourceLifecycleManager {

    /** Marks the test's {@code TcpProxy} field. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectProxy {
    }

    private TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        String reactive = System.getenv().getOrDefault("QUARKUS_DATASOURCE_REACTIVE_URL",
                "postgresql://127.0.0.1:5432/userpools");
        URI target = URI.create(reactive.replaceFirst("^[a-z]+://", "tcp://"));
        try {
            proxy = new TcpProxy(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String via = "127.0.0.1:" + proxy.port();
        String rest = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + via + rest,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + via + rest);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(proxy, new TestInjector.AnnotatedAndMatchesType(InjectProxy.class, TcpProxy.class));
    }

    @Override
    public void stop() {
        try {
            if (proxy != null) {
                proxy.close();
            }
        } catch (IOException e) {
            // the test is over
        }
    }
}
