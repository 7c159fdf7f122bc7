package io.userpools.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The sign-in lockout's rows (table sign_in_failures) as tests read and hold them. */
public final class Lockouts {

    private Lockouts() {
    }

    /** The pool's counted password failures, summed over its subjects. */
    public static int failures(String poolId) throws SQLException {
        try (Connection c = Db.connect(); PreparedStatement q = c.prepareStatement(
                "SELECT coalesce(sum(failures), 0) FROM sign_in_failures WHERE pool_id = ?")) {
            q.setString(1, poolId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Makes the pool's one current lockout last a minute, so that a slow machine cannot let its
     * first second run out before the test looks.
     */
    public static void hold(String poolId) throws SQLException {
        try (Connection c = Db.connect(); PreparedStatement q = c.prepareStatement("UPDATE sign_in_failures "
                + "SET locked_until = now() + interval '60 seconds' WHERE pool_id = ? AND locked_until IS NOT NULL")) {
            q.setString(1, poolId);
            assertThat(q.executeUpdate()).isEqualTo(1);
        }
    }

    /** Locks the pool's one counted subject out for a minute, whatever its count. */
    public static void lock(String poolId) throws SQLException {
        set(poolId, "now() + interval '60 seconds'");
    }

    /** Ends the pool's one lockout now, keeping its count. */
    public static void unlock(String poolId) throws SQLException {
        set(poolId, "NULL");
    }

    private static void set(String poolId, String lockedUntil) throws SQLException {
        try (Connection c = Db.connect(); PreparedStatement q = c.prepareStatement("UPDATE sign_in_failures "
                + "SET locked_until = " + lockedUntil + " WHERE pool_id = ?")) {
            q.setString(1, poolId);
            assertThat(q.executeUpdate()).isEqualTo(1);
        }
    }
}
