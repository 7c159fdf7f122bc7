package io.userpools.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service brings a fresh database's schema up to date at start-up, leaves Flyway
 * alone on a current schema, and refuses to start on a schema whose last migration failed. Each
 * test has a database of its own on the ITs' PostgreSQL server.
 */
class SchemaMigrationIT {

    private static final String JDBC_URL = Optional.ofNullable(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"))
            .orElse("jdbc:postgresql://127.0.0.1:5432/userpools");
    private static final String USER = Optional.ofNullable(System.getenv("QUARKUS_DATASOURCE_USERNAME"))
            .orElse("postgres");
    private static final String PASSWORD = Optional.ofNullable(System.getenv("QUARKUS_DATASOURCE_PASSWORD"))
            .orElse("");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private String database;

    @BeforeEach
    void createDatabase() throws SQLException {
        database = "schema_it_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = connect(JDBC_URL); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + database);
        }
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        try (Connection admin = connect(JDBC_URL); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Test
    void anEmptyDatabaseIsMigratedAndACurrentOneIsLeftAlone() throws Exception {
        String first = startUntilReady();
        assertThat(first).contains("schema at version 0: migrating to " + SchemaMigration.LATEST);
        assertThat(highestVersion()).isEqualTo(SchemaMigration.LATEST);
        int rows = historyRows();

        String second = startUntilReady();
        assertThat(second).doesNotContain("migrating to").doesNotContain("Flyway");
        assertThat(historyRows()).isEqualTo(rows);
    }

    @Test
    void anOlderSchemaIsMigratedToTheLatest() throws Exception {
        startUntilReady();
        try (Connection db = connect(databaseUrl()); Statement sql = db.createStatement()) {
            // as if the newest migration had never run: undo what it did, forget it was applied
            sql.execute("DROP TABLE sign_in_failures");
            sql.execute("DELETE FROM flyway_schema_history WHERE version = '" + SchemaMigration.LATEST + "'");
        }
        String log = startUntilReady();
        assertThat(log).contains(": migrating to " + SchemaMigration.LATEST)
                .doesNotContain("schema at version " + SchemaMigration.LATEST);
        assertThat(highestVersion()).isEqualTo(SchemaMigration.LATEST);
    }

    @Test
    void aFailedMigrationStopsTheStart() throws Exception {
        startUntilReady();
        try (Connection db = connect(databaseUrl()); Statement sql = db.createStatement()) {
            sql.execute("UPDATE flyway_schema_history SET success = false WHERE version = '"
                    + SchemaMigration.LATEST + "'");
        }
        try (PackagedApp app = PackagedApp.start(environment(PackagedApp.freePort()))) {
            assertThat(app.process.waitFor(120, TimeUnit.SECONDS)).as("the service should stop by itself").isTrue();
            String log = app.log();
            assertThat(app.process.exitValue()).as(log).isNotZero();
            assertThat(log).contains("with a failed migration").contains("failed migration to version "
                    + SchemaMigration.LATEST);
        }
    }

    /** Starts the jar on this test's database, waits for readiness, stops it; returns its log. */
    private String startUntilReady() throws Exception {
        int port = PackagedApp.freePort();
        try (PackagedApp app = PackagedApp.start(environment(port))) {
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                if (!app.process.isAlive()) {
                    throw new AssertionError("the service stopped before it was ready:\n" + app.log());
                }
                assertThat(System.nanoTime()).as("ready within 120 s").isLessThan(deadline);
                try {
                    if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return app.log();
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
        }
    }

    private Map<String, String> environment(int port) {
        String jdbc = databaseUrl();
        return Map.of("QUARKUS_HTTP_PORT", Integer.toString(port), "QUARKUS_HTTP_HOST", "127.0.0.1",
                "QUARKUS_DATASOURCE_JDBC_URL", jdbc,
                "QUARKUS_DATASOURCE_REACTIVE_URL", jdbc.substring("jdbc:".length()));
    }

    private String databaseUrl() {
        int slash = JDBC_URL.lastIndexOf('/');
        int query = JDBC_URL.indexOf('?', slash);
        return JDBC_URL.substring(0, slash + 1) + database + (query < 0 ? "" : JDBC_URL.substring(query));
    }

    private int highestVersion() throws SQLException {
        return queryInt("SELECT max(version::int) FROM flyway_schema_history WHERE success");
    }

    private int historyRows() throws SQLException {
        return queryInt("SELECT count(*) FROM flyway_schema_history");
    }

    private int queryInt(String query) throws SQLException {
        try (Connection db = connect(databaseUrl()); Statement sql = db.createStatement();
                ResultSet result = sql.executeQuery(query)) {
            result.next();
            return result.getInt(1);
        }
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, USER, PASSWORD);
    }
}
