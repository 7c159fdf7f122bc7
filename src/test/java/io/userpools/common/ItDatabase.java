package io.userpools.common;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A database of its own for one packaged-jar test, on the ITs' PostgreSQL server (the server of
 * QUARKUS_DATASOURCE_JDBC_URL), made empty and dropped with everything in it.
 */
final class ItDatabase implements AutoCloseable {

    private static final String JDBC_URL = Optional.ofNullable(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"))
            .orElse("jdbc:postgresql://127.0.0.1:5432/userpools");
    static final String USER = Optional.ofNullable(System.getenv("QUARKUS_DATASOURCE_USERNAME"))
            .orElse("postgres");
    static final String PASSWORD = Optional.ofNullable(System.getenv("QUARKUS_DATASOURCE_PASSWORD"))
            .orElse("");

    private final String name;

    private ItDatabase(String name) {
        this.name = name;
    }

    /** Creates an empty database named after {@code prefix}. */
    static ItDatabase create(String prefix) throws SQLException {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = DriverManager.getConnection(JDBC_URL, USER, PASSWORD);
                Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
        }
        return new ItDatabase(name);
    }

    /** Its JDBC URL. */
    String url() {
        int slash = JDBC_URL.lastIndexOf('/');
        int query = JDBC_URL.indexOf('?', slash);
        return JDBC_URL.substring(0, slash + 1) + name + (query < 0 ? "" : JDBC_URL.substring(query));
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, PASSWORD);
    }

    /** The packaged service's environment for this database and an HTTP port on 127.0.0.1. */
    Map<String, String> environment(int port) {
        String jdbc = url();
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbc);
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", jdbc.substring("jdbc:".length()));
        return env;
    }

    @Override
    public void close() throws SQLException {
        try (Connection admin = DriverManager.getConnection(JDBC_URL, USER, PASSWORD);
                Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
