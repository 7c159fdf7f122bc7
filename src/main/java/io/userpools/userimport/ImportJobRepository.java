package io.userpools.userimport;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Import jobs, their uploaded chunks and failed lines (V15), through the reactive client. */
@Singleton
public class ImportJobRepository {

    private static final String JOB = "pool_id, id, name, status, role_arn, created_at, started_at, completed_at, "
            + "imported_users, skipped_users, failed_users, completion_message";

    /** What a runner needs of a job it claimed. */
    record Claim(String poolId, String id, UUID lease, long rowsDone, long dataRows, JsonObject actor,
            String operation) {
    }

    /** What the upload URL checks. */
    record UploadTarget(String status, byte[] tokenHash, Instant expiresAt) {
    }

    /** One failed line. */
    public record Failure(long line, String reason) {
    }

    private final Pool client;

    public ImportJobRepository(Pool client) {
        this.client = client;
    }

    Pool pool() {
        return client;
    }

    Uni<Void> insert(String poolId, String id, String name, String roleArn, byte[] tokenHash, Instant expires,
            JsonObject actor, String operation, Instant now) {
        return client.preparedQuery("INSERT INTO user_import_jobs (pool_id, id, name, status, role_arn, "
                + "upload_token_hash, upload_expires_at, actor, operation, created_at) "
                + "VALUES ($1, $2, $3, 'Created', $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.tuple().addString(poolId).addString(id).addString(name).addString(roleArn)
                        .addBuffer(Buffer.buffer(tokenHash)).addOffsetDateTime(utc(expires)).addJsonObject(actor)
                        .addString(operation).addOffsetDateTime(utc(now)))
                .replaceWithVoid();
    }

    Uni<Void> delete(String poolId, String id) {
        return client.preparedQuery("DELETE FROM user_import_jobs WHERE pool_id = $1 AND id = $2")
                .execute(Tuple.of(poolId, id)).replaceWithVoid();
    }

    Uni<ImportJob> find(String poolId, String id) {
        return client.preparedQuery("SELECT " + JOB + " FROM user_import_jobs WHERE pool_id = $1 AND id = $2")
                .execute(Tuple.of(poolId, id))
                .map(rows -> rows.iterator().hasNext() ? job(rows.iterator().next()) : null);
    }

    /** A page of a pool's jobs, newest first, after the job at {@code after} (null: from the start). */
    Uni<List<ImportJob>> list(String poolId, int limit, Instant afterCreated, String afterId) {
        String sql = "SELECT " + JOB + " FROM user_import_jobs WHERE pool_id = $1"
                + (afterCreated == null ? "" : " AND (created_at, id) < ($3, $4)")
                + " ORDER BY created_at DESC, id DESC LIMIT $2";
        Tuple args = afterCreated == null ? Tuple.of(poolId, limit)
                : Tuple.of(poolId, limit, utc(afterCreated), afterId);
        return client.preparedQuery(sql).execute(args).map(rows -> {
            List<ImportJob> jobs = new ArrayList<>();
            rows.forEach(row -> jobs.add(job(row)));
            return jobs;
        });
    }

    Uni<UploadTarget> uploadTarget(String poolId, String id) {
        return client.preparedQuery("SELECT status, upload_token_hash, upload_expires_at FROM user_import_jobs "
                + "WHERE pool_id = $1 AND id = $2").execute(Tuple.of(poolId, id)).map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new UploadTarget(row.getString(0), row.getBuffer(1).getBytes(),
                            row.getOffsetDateTime(2).toInstant());
                });
    }

    Uni<Void> clearUpload(String poolId, String id) {
        return client.preparedQuery("DELETE FROM user_import_chunks WHERE pool_id = $1 AND job_id = $2")
                .execute(Tuple.of(poolId, id)).replaceWithVoid();
    }

    Uni<Void> insertChunk(String poolId, String id, int seq, byte[] data, int length) {
        return client.preparedQuery("INSERT INTO user_import_chunks (pool_id, job_id, seq, data) "
                + "VALUES ($1, $2, $3, $4)")
                .execute(Tuple.tuple().addString(poolId).addString(id).addInteger(seq)
                        .addBuffer(Buffer.buffer().appendBytes(data, 0, length)))
                .replaceWithVoid();
    }

    /** A chunk of the upload, or null past the last one. */
    Uni<byte[]> chunk(String poolId, String id, int seq) {
        return client.preparedQuery("SELECT data FROM user_import_chunks WHERE pool_id = $1 AND job_id = $2 "
                + "AND seq = $3").execute(Tuple.of(poolId, id, seq))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getBuffer(0).getBytes() : null);
    }

    /** Records a complete upload; false when the job has left Created meanwhile. */
    Uni<Boolean> uploaded(String poolId, String id, long bytes, long rows) {
        return client.preparedQuery("UPDATE user_import_jobs SET uploaded_bytes = $3, data_rows = $4 "
                + "WHERE pool_id = $1 AND id = $2 AND status = 'Created'").execute(Tuple.of(poolId, id, bytes, rows))
                .map(result -> result.rowCount() == 1);
    }

    /** Created with an upload -> Pending; answers the job, or null when it was not startable. */
    Uni<ImportJob> start(String poolId, String id, Instant now) {
        return client.preparedQuery("UPDATE user_import_jobs SET status = 'Pending', started_at = $3 "
                + "WHERE pool_id = $1 AND id = $2 AND status = 'Created' AND uploaded_bytes IS NOT NULL "
                + "RETURNING " + JOB).execute(Tuple.of(poolId, id, utc(now)))
                .map(rows -> rows.iterator().hasNext() ? job(rows.iterator().next()) : null);
    }

    /** Pending or InProgress -> Stopping (Pending: Stopped at once); null when not running. */
    Uni<ImportJob> stop(String poolId, String id, Instant now) {
        return client.preparedQuery("UPDATE user_import_jobs SET status = CASE status WHEN 'Pending' "
                + "THEN 'Stopped' ELSE 'Stopping' END, completed_at = CASE status WHEN 'Pending' THEN $3 END, "
                + "completion_message = CASE status WHEN 'Pending' THEN 'Import Job Stopped' END, "
                + "skipped_users = CASE status WHEN 'Pending' THEN coalesce(data_rows, 0) ELSE skipped_users END "
                + "WHERE pool_id = $1 AND id = $2 AND status IN ('Pending', 'InProgress') RETURNING " + JOB)
                .execute(Tuple.of(poolId, id, utc(now)))
                .map(rows -> rows.iterator().hasNext() ? job(rows.iterator().next()) : null);
    }

    /** Jobs to run here: Pending ones, and running ones whose runner went quiet before {@code staleBefore}. */
    Uni<List<String[]>> runnable(Instant staleBefore) {
        return client.preparedQuery("SELECT pool_id, id FROM user_import_jobs WHERE status = 'Pending' "
                + "OR (status IN ('InProgress', 'Stopping') AND heartbeat_at < $1) ORDER BY created_at LIMIT 20")
                .execute(Tuple.of(utc(staleBefore))).map(rows -> {
                    List<String[]> jobs = new ArrayList<>();
                    rows.forEach(row -> jobs.add(new String[] {row.getString(0), row.getString(1)}));
                    return jobs;
                });
    }

    /** Takes the job for this runner (a new lease), if it is still to run; null otherwise. */
    Uni<Claim> claim(String poolId, String id, UUID lease, Instant now, Instant staleBefore) {
        return client.preparedQuery("UPDATE user_import_jobs SET status = CASE status WHEN 'Pending' "
                + "THEN 'InProgress' ELSE status END, lease = $3, heartbeat_at = $4 "
                + "WHERE pool_id = $1 AND id = $2 AND (status = 'Pending' OR (status IN ('InProgress', 'Stopping') "
                + "AND heartbeat_at < $5)) RETURNING rows_done, coalesce(data_rows, 0), actor, operation")
                .execute(Tuple.of(poolId, id, lease, utc(now), utc(staleBefore))).map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Claim(poolId, id, lease, row.getLong(0), row.getLong(1), row.getJsonObject(2),
                            row.getString(3));
                });
    }

    /**
     * A batch's progress, in the batch's transaction; answers the job's status, or null when this
     * runner lost its lease (the transaction must roll back).
     */
    Uni<String> progress(SqlClient sql, Claim claim, long rows, long imported, long failed, Instant now) {
        return sql.preparedQuery("UPDATE user_import_jobs SET rows_done = rows_done + $4, "
                + "imported_users = imported_users + $5, failed_users = failed_users + $6, heartbeat_at = $7 "
                + "WHERE pool_id = $1 AND id = $2 AND lease = $3 RETURNING status")
                .execute(Tuple.tuple().addString(claim.poolId()).addString(claim.id()).addUUID(claim.lease())
                        .addLong(rows).addLong(imported).addLong(failed).addOffsetDateTime(utc(now)))
                .map(result -> result.iterator().hasNext() ? result.iterator().next().getString(0) : null);
    }

    /**
     * Bounds how long a batch's statements wait for a row lock (another writer's uncommitted user
     * with the same username or identifier): past it the batch fails and the job is resumed later,
     * rather than waiting without end.
     */
    Uni<Void> lockTimeout(SqlClient sql) {
        return sql.query("SET LOCAL lock_timeout = '30s'").execute().replaceWithVoid();
    }

    Uni<Void> insertFailures(SqlClient sql, Claim claim, List<Failure> failures) {
        if (failures.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Long[] lines = failures.stream().map(Failure::line).toArray(Long[]::new);
        String[] reasons = failures.stream().map(Failure::reason).toArray(String[]::new);
        return sql.preparedQuery("INSERT INTO user_import_failures (pool_id, job_id, line, reason) "
                + "SELECT $1, $2, l, r FROM unnest($3::bigint[], $4::text[]) AS t(l, r) ON CONFLICT DO NOTHING")
                .execute(Tuple.tuple().addString(claim.poolId()).addString(claim.id()).addArrayOfLong(lines)
                        .addArrayOfString(reasons))
                .replaceWithVoid();
    }

    /** Ends a job this runner holds, and drops its upload. */
    Uni<Void> finish(Claim claim, String status, String message, boolean skipRest, Instant now) {
        return client.withTransaction(sql -> sql.preparedQuery("UPDATE user_import_jobs SET status = $4, "
                + "completion_message = $5, completed_at = $6, lease = NULL, "
                + "skipped_users = CASE WHEN $7 THEN greatest(coalesce(data_rows, 0) - rows_done, 0) "
                + "ELSE skipped_users END WHERE pool_id = $1 AND id = $2 AND lease = $3")
                .execute(Tuple.tuple().addString(claim.poolId()).addString(claim.id()).addUUID(claim.lease())
                        .addString(status).addString(message).addOffsetDateTime(utc(now)).addBoolean(skipRest))
                .flatMap(done -> done.rowCount() == 0 ? Uni.createFrom().voidItem()
                        : sql.preparedQuery("DELETE FROM user_import_chunks WHERE pool_id = $1 AND job_id = $2")
                                .execute(Tuple.of(claim.poolId(), claim.id())).replaceWithVoid()));
    }

    /** The first failed lines of a job, in line order. */
    Uni<List<Failure>> failures(String poolId, String id, int limit) {
        return client.preparedQuery("SELECT line, reason FROM user_import_failures WHERE pool_id = $1 "
                + "AND job_id = $2 ORDER BY line LIMIT $3").execute(Tuple.of(poolId, id, limit)).map(rows -> {
                    List<Failure> out = new ArrayList<>();
                    rows.forEach(row -> out.add(new Failure(row.getLong(0), row.getString(1))));
                    return out;
                });
    }

    private static ImportJob job(Row row) {
        return new ImportJob(row.getString(0), row.getString(1), row.getString(2), row.getString(3),
                row.getString(4), instant(row.getOffsetDateTime(5)), instant(row.getOffsetDateTime(6)),
                instant(row.getOffsetDateTime(7)), row.getLong(8), row.getLong(9), row.getLong(10), row.getString(11),
                null);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
