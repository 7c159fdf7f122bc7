package io.userpools.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import org.flywaydb.core.Flyway;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

    private ItDatabase database;

    @BeforeEach
    void createDatabase() throws SQLException {
        database = ItDatabase.create("schema_it");
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        database.close();
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
        // the schema as the release before the newest migration left it: Flyway itself, stopped
        // one version short of the latest
        var flyway = Flyway.configure().dataSource(database.url(), ItDatabase.USER, ItDatabase.PASSWORD)
                .locations("classpath:db/migration");
        String previous = previousVersion(flyway.load());
        flyway.target(previous).load().migrate();
        assertThat(highestVersion()).isEqualTo(Integer.parseInt(previous));

        String log = startUntilReady();
        assertThat(log).contains(": migrating to " + SchemaMigration.LATEST)
                .doesNotContain("schema at version " + SchemaMigration.LATEST);
        assertThat(highestVersion()).isEqualTo(SchemaMigration.LATEST);
    }

    /** The highest migration version below the latest, from the migrations on the class path. */
    private static String previousVersion(Flyway loaded) {
        return java.util.Arrays.stream(loaded.info().all()).map(m -> m.getVersion().getVersion())
                .mapToInt(Integer::parseInt).filter(v -> v < SchemaMigration.LATEST).max()
                .stream().mapToObj(String::valueOf).findFirst().orElseThrow();
    }

    @Test
    void aFailedMigrationStopsTheStart() throws Exception {
        startUntilReady();
        try (Connection db = database.connect(); Statement sql = db.createStatement()) {
            sql.execute("UPDATE flyway_schema_history SET success = false WHERE version = '"
                    + SchemaMigration.LATEST + "'");
        }
        try (PackagedApp app = PackagedApp.start(database.environment(PackagedApp.freePort()))) {
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
        try (PackagedApp app = PackagedApp.start(database.environment(port))) {
            app.awaitReady(port);
            return app.log();
        }
    }

    private int highestVersion() throws SQLException {
        return queryInt("SELECT max(version::int) FROM flyway_schema_history WHERE success");
    }

    private int historyRows() throws SQLException {
        return queryInt("SELECT count(*) FROM flyway_schema_history");
    }

    private int queryInt(String query) throws SQLException {
        try (Connection db = database.connect(); Statement sql = db.createStatement();
                ResultSet result = sql.executeQuery(query)) {
            result.next();
            return result.getInt(1);
        }
    }
}
