package io.userpools.lockout;

import static io.userpools.support.Api.createPool;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows that count as no failures any more are deleted; the others stay. */
@QuarkusTest
class SignInFailurePurgeTest {

    @Inject
    PasswordAttempts attempts;

    @Inject
    Pool sql;

    private void row(String poolId, String subject, String lastAttempt, String lockedUntil) {
        sql.preparedQuery("INSERT INTO sign_in_failures (pool_id, subject, failures, locked_until, last_attempt_at) "
                + "VALUES ($1, $2, 7, now() + " + lockedUntil + ", now() + " + lastAttempt + ")")
                .execute(Tuple.of(poolId, subject)).await().indefinitely();
    }

    @Test
    void quietUnlockedRowsAreDeleted() {
        String poolId = createPool();
        row(poolId, "name:quiet", "interval '-16 minutes'", "NULL");
        row(poolId, "name:quiet-lockout-over", "interval '-20 minutes'", "interval '-5 minutes'");
        row(poolId, "name:recent", "interval '-1 minute'", "NULL");
        row(poolId, "name:still-locked", "interval '-16 minutes'", "interval '5 minutes'");

        assertThat(attempts.purge().await().indefinitely()).isGreaterThanOrEqualTo(2);

        List<String> left = new ArrayList<>();
        for (Row r : sql.preparedQuery("SELECT subject FROM sign_in_failures WHERE pool_id = $1 ORDER BY subject")
                .execute(Tuple.of(poolId)).await().indefinitely()) {
            left.add(r.getString("subject"));
        }
        assertThat(left).containsExactly("name:recent", "name:still-locked");
    }
}
