package io.userpools.event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Writes {@code user_history} entries with SQL the way a write path does (V10): in the caller's
 * transaction, the transaction id taken by the column's default.
 */
final class HistoryRows {

    static final String ADMIN = "{\"type\": \"admin\", \"keyId\": \"test\"}";

    private HistoryRows() {
    }

    /** Inserts one entry on {@code db} (in its transaction, if one is open) and answers its id. */
    static long insert(Connection db, String poolId, UUID sub, String username, long version, String kind,
            String changes) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO user_history (pool_id, sub, username, "
                + "version, kind, operation, request_id, actor, changes, changed_at) VALUES (?, ?, ?, ?, ?, "
                + "'AdminUpdateUserAttributes', 'req-1', ?::jsonb, ?::jsonb, now()) RETURNING id")) {
            insert.setString(1, poolId);
            insert.setObject(2, sub);
            insert.setString(3, username);
            insert.setLong(4, version);
            insert.setString(5, kind);
            insert.setString(6, ADMIN);
            insert.setString(7, changes);
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** An attribute change of {@code name} to {@code value}. */
    static String attribute(String name, String value) {
        return "{\"attributes\": {\"" + name + "\": {\"old\": null, \"new\": \"" + value + "\"}}}";
    }

    /** Makes the open transaction of {@code db} take its transaction id now. */
    static void takeTransactionId(Connection db) throws SQLException {
        try (var statement = db.createStatement()) {
            statement.execute("SELECT pg_current_xact_id()");
        }
    }

    /** The transaction id of entry {@code id}, as an unsigned number. */
    static long tx(Connection db, String poolId, long id) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(
                "SELECT tx::text FROM user_history WHERE pool_id = ? AND id = ?")) {
            select.setString(1, poolId);
            select.setLong(2, id);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return Long.parseUnsignedLong(rows.getString(1));
            }
        }
    }
}
