package io.userpools.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The reactive pool's meters: opening connections makes Micrometer neither warn nor report a meter
 * registered twice, and /q/metrics shows each of the pool's meters once. No IT: it opens
 * connections through the pool bean and listens to the log in this JVM.
 */
@QuarkusTest
class DatabasePoolMetricsTest {

    @Inject
    Pool sql;

    @ConfigProperty(name = "quarkus.datasource.reactive.max-size")
    int maxSize;

    @Test
    void newConnectionsRegisterNoMeterTwice() {
        Logger micrometer = Logger.getLogger("io.micrometer");
        List<String> complaints = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()
                        || record.getMessage().contains("already registered")) {
                    complaints.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level level = micrometer.getLevel();
        micrometer.setLevel(Level.ALL);
        micrometer.addHandler(capture);
        try {
            // every connection the pool may have, at once: each one not open yet opens now and
            // registers its client metrics (the warning came with the second connection)
            useConnectionsAtOnce(maxSize);
        } finally {
            micrometer.removeHandler(capture);
            micrometer.setLevel(level);
        }
        assertThat(complaints.stream().distinct()).isEmpty();
    }

    @Test
    void thePoolsMetersAreExportedOnce() {
        useConnectionsAtOnce(4);
        String metrics = io.userpools.support.Api.admin().when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String gauge : List.of("sql_pool_queue_size", "sql_pool_active", "sql_pool_idle", "sql_pool_ratio")) {
            assertThat(series(metrics, gauge)).as(gauge).hasSize(1);
        }
        assertThat(series(metrics, "postgresql_completed_total")).hasSize(1);
        assertThat(series(metrics, "postgresql_processing_seconds_count")).hasSize(1);
        assertThat(series(metrics, "postgresql_queue_size")).isEmpty();
        assertThat(series(metrics, "postgresql_current")).isEmpty();
    }

    private void useConnectionsAtOnce(int count) {
        List<Uni<SqlConnection>> opening = IntStream.range(0, count).mapToObj(i -> sql.getConnection()).toList();
        List<SqlConnection> held = Uni.join().all(opening).andFailFast().await().atMost(Duration.ofSeconds(30));
        for (SqlConnection connection : held) {
            connection.query("SELECT 1").executeAndAwait();
            connection.closeAndAwait();
        }
    }

    /** The sample lines of one metric (name followed by labels or a value), comments left out. */
    private static List<String> series(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " ")).toList();
    }
}
