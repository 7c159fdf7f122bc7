package io.userpools.user;

import io.smallrye.mutiny.Uni;
import io.userpools.history.Entry;
import io.userpools.history.HistoryConfig;
import io.userpools.history.Recording;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Users in PostgreSQL through the reactive client directly: this is the hot path of every
 * attribute update, so each operation is one prepared statement. Its writes are package-private:
 * only {@link UserWriter} changes users (the fast path's batched writes are {@link BatchedWrites}).
 * Methods take the {@link SqlClient} to run on, so that a service can compose them in one transaction.
 */
@Singleton
public class UserRepository {

    static final String COLUMNS = "sub, username, status, enabled, password_hash, attributes, pending, version, "
            + "created_at, last_modified_at, signed_out_at";

    private static final String BY_USERNAME = "SELECT " + COLUMNS
            + " FROM users WHERE pool_id = $1 AND username_key = $2";
    private static final String BY_SUB = "SELECT " + COLUMNS + " FROM users WHERE pool_id = $1 AND sub = $2";
    private static final String U_COLUMNS = "u." + COLUMNS.replace(", ", ", u.");
    // the token's state conditions ride in the read (SessionGuard): no row when they fail
    private static final String BY_SUB_GUARDED = "SELECT " + U_COLUMNS + " FROM users u, "
            + "(SELECT $2::uuid AS sub, $3::uuid AS origin_jti, $4::text AS client_id) g "
            + "WHERE u.pool_id = $1 AND u.sub = $2 AND " + SessionGuard.holds("u", "g");
    // a batch's read, with whether each write's guard holds (true for admin writes)
    private static final String BY_USERNAME_GUARDED = "SELECT " + U_COLUMNS + ", ARRAY(SELECT "
            + SessionGuard.holds("u", "g") + " FROM unnest($3::uuid[], $4::uuid[], $5::text[]) WITH ORDINALITY "
            + "AS g(sub, origin_jti, client_id, n) ORDER BY g.n) AS allowed "
            + "FROM users u WHERE u.pool_id = $1 AND u.username_key = $2";
    // The alias names are spelled out so that the primary key (pool_id, attribute_name, value_key)
    // serves the lookup: without them a generic plan scans every pool's aliases (issue 17).
    private static final String BY_ALIAS = "SELECT u." + COLUMNS.replace(", ", ", u.")
            + " FROM user_aliases a JOIN users u ON u.pool_id = a.pool_id AND u.sub = a.sub"
            + " WHERE a.pool_id = $1 AND a.attribute_name IN ('email', 'phone_number', 'preferred_username')"
            + " AND a.value_key = $2 ORDER BY a.attribute_name LIMIT 1";
    // Every write records its history entry (io.userpools.history.Entry) in the same statement, as
    // a data-modifying CTE (h) fed by the write's CTE (w, returning pool_id, sub, username and the
    // new version). With history off (userpools.history.enabled) the same statements run without h
    // and without its parameters (Recording): both forms are built once, here. The batched writes
    // of the fast path are in BatchedWrites.
    private record Statements(String insert, String updateUser, String setPassword, String setEnabled,
            String requireReset, String delete) {

        static Statements of(Recording recording) {
            return new Statements(
                    recording.statement("w AS (INSERT INTO users (pool_id, sub, username, username_key, status, "
                            + "enabled, password_hash, attributes, pending, version, created_at, last_modified_at) "
                            + "VALUES ($1, $2, $3, $4, $5, TRUE, $6, $7, '{}', 1, $8, $8) "
                            + "RETURNING pool_id, sub, username, version)",
                            Entry.insertFrom("w", 9), "SELECT version FROM w"),
                    recording.statement("w AS (UPDATE users SET attributes = $3, pending = $4, status = $6, "
                            + "version = version + 1, last_modified_at = $5 WHERE pool_id = $1 AND sub = $2 "
                            + "RETURNING pool_id, sub, username, version, last_modified_at)",
                            Entry.insertFrom("w", 7), "SELECT version, last_modified_at FROM w"),
                    // a new password also forgets the failed sign-ins of the old one (lifecycle spec 6.2 (4))
                    recording.statement("w AS (UPDATE users SET password_hash = $3, status = $4, password_set_at = $5, "
                            + "version = version + 1, last_modified_at = $5 WHERE pool_id = $1 AND sub = $2::uuid "
                            + "RETURNING pool_id, sub, username, version)", Entry.insertFrom("w", 6),
                            "DELETE FROM sign_in_failures WHERE pool_id = $1 AND subject = $2::uuid::text"),
                    recording.statement("w AS (UPDATE users SET enabled = $3, version = version + 1, "
                            + "last_modified_at = $4 WHERE pool_id = $1 AND sub = $2 "
                            + "RETURNING pool_id, sub, username, version)",
                            Entry.insertFrom("w", 5), "SELECT version FROM w"),
                    recording.statement("w AS (UPDATE users SET status = 'RESET_REQUIRED', version = version + 1, "
                            + "last_modified_at = $3 WHERE pool_id = $1 AND sub = $2 "
                            + "RETURNING pool_id, sub, username, version)", Entry.insertFrom("w", 4),
                            "SELECT version FROM w"),
                    recording.statement("w AS (DELETE FROM users WHERE pool_id = $1 AND sub = $2 "
                            + "RETURNING pool_id, sub, username, version + 1 AS version)", Entry.insertFrom("w", 3),
                            "SELECT version FROM w"));
        }
    }

    private static final String SIGN_OUT = "WITH revoked AS (UPDATE sessions SET revoked_at = $3 "
            + "WHERE pool_id = $1 AND sub = $2 AND revoked_at IS NULL) "
            + "UPDATE users SET signed_out_at = $3 WHERE pool_id = $1 AND sub = $2";

    private final Pool client;
    private final Recording recording;
    private final Statements statements;

    public UserRepository(Pool client, HistoryConfig config) {
        this.client = client;
        this.recording = Recording.of(config);
        this.statements = Statements.of(recording);
    }

    /** Whether writes record history entries ({@code userpools.history.enabled}). */
    public boolean recordsHistory() {
        return recording.enabled();
    }

    /** The connection pool, for services that open a transaction. */
    public Pool pool() {
        return client;
    }

    /** The user with exactly this username key, locked for update when {@code lock} is set. */
    public Uni<PoolUser> findByUsernameKey(SqlClient sql, String poolId, String usernameKey, boolean lock) {
        return one(sql, BY_USERNAME + (lock ? " FOR UPDATE" : ""), poolId, Tuple.of(poolId, usernameKey));
    }

    public Uni<PoolUser> findBySub(SqlClient sql, String poolId, UUID sub, boolean lock) {
        return one(sql, BY_SUB + (lock ? " FOR UPDATE" : ""), poolId, Tuple.of(poolId, sub));
    }

    /**
     * The token's user when the guard holds (locked for update when {@code lock} is set); null when
     * the user does not exist or the guard fails (the caller finds out which).
     */
    public Uni<PoolUser> findGuarded(SqlClient sql, String poolId, SessionGuard guard, boolean lock) {
        return one(sql, BY_SUB_GUARDED + (lock ? " FOR UPDATE OF u" : ""), poolId,
                Tuple.of(poolId, guard.sub(), guard.originJti(), guard.clientId()));
    }

    /** A user read for a batch of writes, and per write whether its guard holds. */
    public record GuardedRead(PoolUser user, List<Boolean> allowed) {
    }

    /**
     * The user with this username key, and per guard (null: none, an admin write) whether it holds;
     * null when no such user exists.
     */
    public Uni<GuardedRead> findByUsernameKeyGuarded(SqlClient sql, String poolId, String usernameKey,
            List<SessionGuard> guards) {
        UUID[] subs = new UUID[guards.size()];
        UUID[] sessions = new UUID[guards.size()];
        String[] clients = new String[guards.size()];
        for (int i = 0; i < guards.size(); i++) {
            SessionGuard guard = guards.get(i);
            subs[i] = guard == null ? null : guard.sub();
            sessions[i] = guard == null ? null : guard.originJti();
            clients[i] = guard == null ? null : guard.clientId();
        }
        return sql.preparedQuery(BY_USERNAME_GUARDED).execute(Tuple.of(poolId, usernameKey, subs, sessions, clients))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row row = it.next();
                    return new GuardedRead(map(poolId, row), List.of(row.getArrayOfBooleans("allowed")));
                });
    }

    /** The user holding this alias value key (email, phone number or preferred username). */
    public Uni<PoolUser> findByAliasKey(SqlClient sql, String poolId, String valueKey) {
        return one(sql, BY_ALIAS, poolId, Tuple.of(poolId, valueKey));
    }

    /**
     * Inserts a new user.
     *
     * @return false when the username key is taken
     */
    Uni<Boolean> insert(SqlClient sql, PoolUser user, String usernameKey, Entry entry) {
        Tuple values = Tuple.tuple()
                .addString(user.poolId()).addUUID(user.sub()).addString(user.username()).addString(usernameKey)
                .addString(user.status().name()).addString(user.passwordHash())
                .addJsonObject(new JsonObject(new LinkedHashMap<>(user.attributes())))
                .addOffsetDateTime(utc(user.createdAt()));
        return sql.preparedQuery(statements.insert()).execute(recording.bind(values, entry, user.sub(), user.createdAt()))
                .replaceWith(true).onFailure(e -> isUniqueViolation(e, "users_username")).recoverWithItem(false);
    }

    /** Writes status, attributes and pending values, advancing version and modification time. */
    Uni<PoolUser> updateUser(SqlClient sql, PoolUser user, UserStatus status, Map<String, String> attributes,
            Map<String, String> pending, Instant now, Entry entry) {
        Tuple values = recording.bind(Tuple.of(user.poolId(), user.sub(),
                new JsonObject(new LinkedHashMap<>(attributes)), new JsonObject(new LinkedHashMap<>(pending)),
                utc(now), status.name()), entry, user.sub(), now);
        return sql.preparedQuery(statements.updateUser()).execute(values).map(rows -> {
            Row row = rows.iterator().next();
            return new PoolUser(user.poolId(), user.sub(), user.username(), status, user.enabled(),
                    user.passwordHash(), attributes, pending, row.getLong(0), user.createdAt(),
                    row.getOffsetDateTime(1).toInstant(), user.signedOutAt());
        });
    }

    /** Replaces the password hash and status, and when it was set; forgets failed sign-ins. */
    Uni<Void> setPassword(SqlClient sql, PoolUser user, String hash, UserStatus status, Instant now, Entry entry) {
        return sql.preparedQuery(statements.setPassword()).execute(recording.bind(Tuple.of(user.poolId(), user.sub(),
                hash, status.name(), utc(now)), entry, user.sub(), now)).replaceWithVoid();
    }

    Uni<Void> requireReset(SqlClient sql, PoolUser user, Instant now, Entry entry) {
        return sql.preparedQuery(statements.requireReset()).execute(recording.bind(Tuple.of(user.poolId(),
                user.sub(), utc(now)), entry, user.sub(), now)).replaceWithVoid();
    }

    Uni<Void> setEnabled(SqlClient sql, PoolUser user, boolean enabled, Instant now, Entry entry) {
        return sql.preparedQuery(statements.setEnabled()).execute(recording.bind(Tuple.of(user.poolId(), user.sub(),
                enabled, utc(now)), entry, user.sub(), now)).replaceWithVoid();
    }

    /** Revokes every session of the user and records the instant (not a change history records). */
    Uni<Void> signOut(SqlClient sql, String poolId, UUID sub, Instant now) {
        return sql.preparedQuery(SIGN_OUT).execute(Tuple.of(poolId, sub, utc(now))).replaceWithVoid();
    }

    /** The rows of one ListUsers page, in the query's order. */
    public Uni<List<PoolUser>> list(SqlClient sql, String poolId, ListUsersQuery query) {
        return sql.preparedQuery(query.sql()).execute(Tuple.from(query.parameters())).map(rows -> {
            List<PoolUser> result = new ArrayList<>(rows.size());
            rows.forEach(row -> result.add(map(poolId, row)));
            return result;
        });
    }

    /** @return false when no such user existed */
    Uni<Boolean> delete(SqlClient sql, String poolId, UUID sub, Entry entry, Instant now) {
        return sql.preparedQuery(statements.delete()).execute(recording.bind(Tuple.of(poolId, sub), entry, sub, now))
                .map(rows -> rows.size() > 0);
    }

    private Uni<PoolUser> one(SqlClient sql, String query, String poolId, Tuple args) {
        return sql.preparedQuery(query).execute(args).map(rows -> first(poolId, rows));
    }

    private static PoolUser first(String poolId, RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? map(poolId, it.next()) : null;
    }

    static PoolUser map(String poolId, Row row) {
        OffsetDateTime signedOut = row.getOffsetDateTime("signed_out_at");
        return new PoolUser(poolId, row.getUUID("sub"), row.getString("username"),
                UserStatus.valueOf(row.getString("status")), row.getBoolean("enabled"), row.getString("password_hash"),
                strings(row.getJsonObject("attributes")), strings(row.getJsonObject("pending")), row.getLong("version"),
                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("last_modified_at").toInstant(),
                signedOut == null ? null : signedOut.toInstant());
    }

    static Map<String, String> strings(JsonObject json) {
        Map<String, String> result = new LinkedHashMap<>();
        if (json != null) {
            json.forEach(e -> result.put(e.getKey(), String.valueOf(e.getValue())));
        }
        return result;
    }

    public static boolean isUniqueViolation(Throwable e, String constraint) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState())
                && (constraint == null || constraint.equals(pg.getConstraint()));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
