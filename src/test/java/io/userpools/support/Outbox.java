package io.userpools.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The service's outbox table, read over JDBC, to prove that nothing was sent without waiting for
 * a mail that never comes: a write's messages are outbox rows committed with the write, and a
 * row leaves the table only after its message reached the SMTP server or SMS gateway.
 */
public final class Outbox {

    private Outbox() {
    }

    /** Messages of the pool still waiting in the outbox. */
    public static long waiting(String poolId) {
        try (Connection c = Db.connect();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM outbox WHERE pool_id = ?")) {
            s.setString(1, poolId);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Asserts that the writes already answered for this pool sent nothing to the address: no
     * message waits in the outbox (checked first, so that one sent meanwhile is in the mailbox).
     */
    public static void assertNothingSent(String poolId, String address) {
        assertThat(waiting(poolId)).as("messages of pool %s waiting in the outbox", poolId).isZero();
        assertThat(Mailbox.to(address)).as("mail to %s", address).isEmpty();
    }
}
