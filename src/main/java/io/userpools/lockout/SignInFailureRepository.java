package io.userpools.lockout;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Failed password checks per pool and subject (table {@code sign_in_failures}), on the reactive
 * client, each statement committed on its own (outside any caller's transaction, so that a
 * failure counts whatever the request does next).
 */
@Singleton
public class SignInFailureRepository {

    /** The count after a claimed attempt (the attempt included), and the lockout it set, if any. */
    public record Claimed(int failures, Instant lockedUntil) {
    }

    /**
     * One attempt, counted before the password is checked: a new row, or the next count on the
     * row (from 1 again after the quiet time), with the lockout that count earns, all in one
     * statement under the row lock. It changes nothing and returns no row while the subject is
     * locked out. The lockout of count n at or above the threshold is 2^(n - threshold) seconds,
     * at most the maximum (the exponent is capped so that the power cannot overflow).
     * $1 pool, $2 subject, $3 now, $4 threshold, $5 maximum seconds, $6 start of the quiet time.
     */
    private static final String CLAIM = "INSERT INTO sign_in_failures AS f "
            + "(pool_id, subject, failures, locked_until, last_attempt_at) "
            + "VALUES ($1, $2, 1, " + lockout("1") + ", $3::timestamptz) "
            + "ON CONFLICT (pool_id, subject) DO UPDATE SET "
            + "failures = " + next() + ", "
            + "locked_until = " + lockout(next()) + ", "
            + "last_attempt_at = $3::timestamptz "
            + "WHERE f.locked_until IS NULL OR f.locked_until <= $3::timestamptz "
            + "RETURNING failures, locked_until";
    private static final String LOCKED_UNTIL = "SELECT locked_until FROM sign_in_failures "
            + "WHERE pool_id = $1 AND subject = $2";
    private static final String CLEAR = "DELETE FROM sign_in_failures WHERE pool_id = $1 AND subject = $2";
    /** Rows that count as no failures (quiet for long enough, not locked), a batch at a time. */
    private static final String PURGE = "DELETE FROM sign_in_failures WHERE ctid IN (SELECT ctid "
            + "FROM sign_in_failures WHERE last_attempt_at <= $1 AND (locked_until IS NULL OR locked_until <= $2) "
            + "LIMIT $3)";

    private static String next() {
        return "(CASE WHEN f.last_attempt_at <= $6::timestamptz THEN 1 ELSE f.failures + 1 END)";
    }

    private static String lockout(String count) {
        return "(CASE WHEN " + count + " >= $4::int THEN $3::timestamptz + make_interval(secs => "
                + "least(power(2::float8, least(" + count + " - $4::int, 60)), $5::int)) END)";
    }

    private final Pool client;

    public SignInFailureRepository(Pool client) {
        this.client = client;
    }

    /**
     * Counts one attempt of the subject at {@code now}, unless it is locked out.
     *
     * @return the count and lockout after this attempt, or null when the subject is locked out
     *         (then nothing changed)
     */
    public Uni<Claimed> claim(String poolId, String subject, Instant now, int threshold, int maxSeconds,
            Duration quietReset) {
        Tuple args = Tuple.from(new Object[] {poolId, subject, utc(now), threshold, maxSeconds,
                utc(now.minus(quietReset))});
        return client.preparedQuery(CLAIM).execute(args).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row row = it.next();
            return new Claimed(row.getInteger("failures"), instant(row.getOffsetDateTime("locked_until")));
        });
    }

    /** When the subject's lockout ends, or null when it has none (or no row). */
    public Uni<Instant> lockedUntil(String poolId, String subject) {
        return client.preparedQuery(LOCKED_UNTIL).execute(Tuple.of(poolId, subject)).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            return it.hasNext() ? instant(it.next().getOffsetDateTime("locked_until")) : null;
        });
    }

    /** Forgets the subject's failures (a correct password). */
    public Uni<Void> clear(String poolId, String subject) {
        return client.preparedQuery(CLEAR).execute(Tuple.of(poolId, subject)).replaceWithVoid();
    }

    /**
     * Deletes up to {@code batch} rows that count as no failures any more: no attempt since
     * {@code quietSince} and no lockout left at {@code now} (unknown names and users who never
     * signed in again). A row that an attempt changes meanwhile is left alone.
     *
     * @return how many rows were deleted
     */
    public Uni<Integer> purge(Instant quietSince, Instant now, int batch) {
        return client.preparedQuery(PURGE).execute(Tuple.of(utc(quietSince), utc(now), batch))
                .map(rows -> rows.rowCount());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
