package io.userpools.user;

import io.smallrye.mutiny.Uni;
import io.userpools.history.Entry;
import io.userpools.history.HistoryConfig;
import io.userpools.history.Provenance;
import io.vertx.core.json.JsonArray;
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
 * only {@link UserWriter} changes users. Methods take the
 * {@link SqlClient} to run on, so that a service can compose them in one transaction.
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
    // and without its parameters: both sets are built once, here.
    private record Statements(String insert, String updateUser, String mergeMany, String compareAndSet,
            String setPassword, String setEnabled, String requireReset, String delete) {

        static Statements of(boolean history) {
            return new Statements(
                    recorded(history, "INSERT INTO users (pool_id, sub, username, username_key, status, enabled, "
                            + "password_hash, attributes, pending, version, created_at, last_modified_at) "
                            + "VALUES ($1, $2, $3, $4, $5, TRUE, $6, $7, '{}', 1, $8, $8) "
                            + "RETURNING pool_id, sub, username, version",
                            Entry.insertFrom("w", 9), "SELECT version FROM w"),
                    recorded(history, "UPDATE users SET attributes = $3, pending = $4, status = $6, "
                            + "version = version + 1, last_modified_at = $5 WHERE pool_id = $1 AND sub = $2 "
                            + "RETURNING pool_id, sub, username, version, last_modified_at",
                            Entry.insertFrom("w", 7), "SELECT version, last_modified_at FROM w"),
                    MERGE + (history ? ", h AS (" + MERGE_ENTRIES + ")" : "")
                            + " SELECT pool_id, username_key, " + COLUMNS + " FROM m",
                    // one entry per write of the batch that changed something, each at its own version
                    recorded(history, "UPDATE users SET attributes = $3, version = $4, last_modified_at = $5 "
                            + "WHERE pool_id = $1 AND sub = $2 AND version = $6 RETURNING pool_id, sub, username",
                            "INSERT INTO user_history (" + Entry.COLUMNS + ") SELECT w.pool_id, w.sub, w.username, "
                            + "e.version, '" + Entry.UPDATED + "', e.operation, e.request_id, e.actor, e.changes, $5 "
                            + "FROM w, unnest($7::bigint[], $8::text[], $9::text[], $10::jsonb[], $11::jsonb[]) "
                            + "AS e(version, operation, request_id, actor, changes)",
                            "SELECT count(*) FROM w"),
                    // a new password also forgets the failed sign-ins of the old one (lifecycle spec 6.2 (4))
                    recorded(history, "UPDATE users SET password_hash = $3, status = $4, password_set_at = $5, "
                            + "version = version + 1, last_modified_at = $5 WHERE pool_id = $1 AND sub = $2::uuid "
                            + "RETURNING pool_id, sub, username, version", Entry.insertFrom("w", 6),
                            "DELETE FROM sign_in_failures WHERE pool_id = $1 AND subject = $2::uuid::text"),
                    recorded(history, "UPDATE users SET enabled = $3, version = version + 1, last_modified_at = $4 "
                            + "WHERE pool_id = $1 AND sub = $2 RETURNING pool_id, sub, username, version",
                            Entry.insertFrom("w", 5), "SELECT version FROM w"),
                    recorded(history, "UPDATE users SET status = 'RESET_REQUIRED', version = version + 1, "
                            + "last_modified_at = $3 WHERE pool_id = $1 AND sub = $2 "
                            + "RETURNING pool_id, sub, username, version", Entry.insertFrom("w", 4),
                            "SELECT version FROM w"),
                    recorded(history, "DELETE FROM users WHERE pool_id = $1 AND sub = $2 "
                            + "RETURNING pool_id, sub, username, version + 1 AS version", Entry.insertFrom("w", 3),
                            "SELECT version FROM w"));
        }

        /** {@code WITH w AS (write), h AS (entry) result}, without h when history is off. */
        private static String recorded(boolean history, String write, String entry, String result) {
            return "WITH w AS (" + write + ")" + (history ? ", h AS (" + entry + ")" : "") + " " + result;
        }
    }

    // Rows another transaction holds locked are skipped (not waited for): their merges come back
    // as null and take the locked path on their own, so one busy user never stalls the others.
    // A self-service merge carries its token's SessionGuard (w.sub...): a row that fails it is not
    // written, and its merge comes back as null.
    private static final String MERGE = "WITH w AS (SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], "
            + "$5::jsonb[], $6::uuid[], $7::uuid[], $8::text[]) AS w(pool_id, username_key, doc, meta, sub, origin_jti, client_id)), "
            + "t AS (SELECT u.pool_id, u.sub, u.attributes AS old, w.doc, w.meta FROM users u JOIN w "
            + "ON u.pool_id = w.pool_id AND u.username_key = w.username_key WHERE " + SessionGuard.holds("u", "w")
            + " FOR UPDATE OF u SKIP LOCKED), "
            + "m AS (UPDATE users u SET attributes = jsonb_strip_nulls(u.attributes || t.doc), "
            + "version = u.version + 1, last_modified_at = $4 FROM t "
            + "WHERE u.pool_id = t.pool_id AND u.sub = t.sub "
            + "AND jsonb_strip_nulls(u.attributes || t.doc) IS DISTINCT FROM u.attributes "
            + "RETURNING u.pool_id, u.username_key, u." + COLUMNS.replace(", ", ", u.") + ", t.old, t.doc, t.meta)";
    // Each changed row's history entry: the names the merge touched, old and new (or {"kept": false}),
    // with the operation, request id and actor its write carries in meta ($5).
    private static final String MERGE_ENTRIES = "INSERT INTO user_history (" + Entry.COLUMNS + ") SELECT m.pool_id, "
            + "m.sub, m.username, m.version, '" + Entry.UPDATED + "', m.meta->>'operation', m.meta->>'requestId', "
            + "CASE WHEN m.meta->'actor'->>'type' = 'user' THEN m.meta->'actor' || jsonb_build_object('sub', m.sub) "
            + "ELSE m.meta->'actor' END, (SELECT jsonb_build_object('attributes', jsonb_object_agg(k, "
            + "CASE WHEN m.meta->'unkept' ? k THEN '{\"kept\": false}'::jsonb "
            + "ELSE jsonb_build_object('old', m.old->k, 'new', m.attributes->k) END)) "
            + "FROM jsonb_object_keys(m.doc) k WHERE m.old->k IS DISTINCT FROM m.attributes->k), $4 FROM m";
    private static final String SIGN_OUT = "WITH revoked AS (UPDATE sessions SET revoked_at = $3 "
            + "WHERE pool_id = $1 AND sub = $2 AND revoked_at IS NULL) "
            + "UPDATE users SET signed_out_at = $3 WHERE pool_id = $1 AND sub = $2";


    private final Pool client;
    private final boolean history;
    private final Statements statements;

    public UserRepository(Pool client, HistoryConfig config) {
        this.client = client;
        this.history = config.enabled();
        this.statements = Statements.of(history);
    }

    /** Whether writes record history entries ({@code userpools.history.enabled}). */
    public boolean recordsHistory() {
        return history;
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
        return sql.preparedQuery(statements.insert()).execute(entry(values, entry, user.sub(), user.createdAt())).replaceWith(true)
                .onFailure(e -> isUniqueViolation(e, "users_username")).recoverWithItem(false);
    }

    /** Writes status, attributes and pending values, advancing version and modification time. */
    Uni<PoolUser> updateUser(SqlClient sql, PoolUser user, UserStatus status, Map<String, String> attributes,
            Map<String, String> pending, Instant now, Entry entry) {
        Tuple values = entry(Tuple.of(user.poolId(), user.sub(), new JsonObject(new LinkedHashMap<>(attributes)),
                new JsonObject(new LinkedHashMap<>(pending)), utc(now), status.name()), entry, user.sub(), now);
        return sql.preparedQuery(statements.updateUser()).execute(values).map(rows -> {
            Row row = rows.iterator().next();
            return new PoolUser(user.poolId(), user.sub(), user.username(), status, user.enabled(),
                    user.passwordHash(), attributes, pending, row.getLong(0), user.createdAt(),
                    row.getOffsetDateTime(1).toInstant(), user.signedOutAt());
        });
    }

    /**
     * One user's merge in {@link #mergeMany}: values to set, and names to remove (as null values);
     * who asked ({@code by}) and the names whose values history does not keep, for its entry; a
     * self-service merge carries its token's guard (null for an admin merge).
     */
    public record Merge(String poolId, String usernameKey, Map<String, String> set, java.util.Collection<String> remove,
            Provenance by, java.util.Collection<String> unkept, SessionGuard guard) {

        JsonObject meta() {
            return new JsonObject().put("operation", by.operation()).put("requestId", by.requestId())
                    .put("actor", by.actor().json(null)).put("unkept", new JsonArray(List.copyOf(unkept)));
        }
    }

    /**
     * Merges values into and removes names from the attributes of users named by username key,
     * advancing each changed user's version, in one statement. Only for writes whose outcome does
     * not depend on the user's other attributes. The merges must name distinct users (two merges
     * of one user in one statement would lose one of them).
     *
     * @return per merge, in order: the user as stored, or null when no user has that username key,
     *         the merge changed nothing, its guard failed, or another transaction held the user's row locked
     */
    Uni<List<PoolUser>> mergeMany(SqlClient sql, List<Merge> merges, Instant now) {
        String[] poolIds = new String[merges.size()];
        String[] keys = new String[merges.size()];
        JsonObject[] docs = new JsonObject[merges.size()];
        JsonObject[] metas = new JsonObject[merges.size()];
        UUID[] subs = new UUID[merges.size()];
        UUID[] sessions = new UUID[merges.size()];
        String[] clients = new String[merges.size()];
        for (int i = 0; i < merges.size(); i++) {
            Merge merge = merges.get(i);
            poolIds[i] = merge.poolId();
            keys[i] = merge.usernameKey();
            if (merge.guard() != null) {
                subs[i] = merge.guard().sub();
                sessions[i] = merge.guard().originJti();
                clients[i] = merge.guard().clientId();
            }
            JsonObject doc = new JsonObject(new LinkedHashMap<>(merge.set()));
            merge.remove().forEach(name -> doc.putNull(name));
            docs[i] = doc;
            metas[i] = history ? merge.meta() : null;
        }
        return sql.preparedQuery(statements.mergeMany()).execute(Tuple.of(poolIds, keys, docs, utc(now), metas, subs)
                .addArrayOfUUID(sessions).addArrayOfString(clients)).map(rows -> {
            Map<String, PoolUser> stored = new java.util.HashMap<>();
            for (Row row : rows) {
                String poolId = row.getString("pool_id");
                stored.put(poolId + ' ' + row.getString("username_key"), map(poolId, row));
            }
            List<PoolUser> result = new ArrayList<>(merges.size());
            for (Merge merge : merges) {
                result.add(stored.get(merge.poolId() + ' ' + merge.usernameKey()));
            }
            return result;
        });
    }

    /** One write of a compare-and-set batch that changed the user: its version and its entry. */
    public record Recorded(long version, Entry entry) {
    }

    /**
     * Stores attributes and a new version if the user is still at the version it was read with,
     * with the history entry of each write of the batch.
     *
     * @return false when another write came first (the caller reads again)
     */
    Uni<Boolean> compareAndSetAttributes(SqlClient sql, PoolUser read, Map<String, String> attributes,
            long newVersion, List<Recorded> entries, Instant now) {
        Tuple values = Tuple.of(read.poolId(), read.sub(), new JsonObject(new LinkedHashMap<>(attributes)),
                newVersion, utc(now), read.version());
        if (history) {
            addEntries(values, read.sub(), entries);
        }
        return sql.preparedQuery(statements.compareAndSet()).execute(values)
                .map(rows -> rows.iterator().next().getLong(0) == 1);
    }

    /** The parameters $7 to $11 of the compare-and-set batch: its entries as parallel arrays. */
    private static void addEntries(Tuple values, UUID sub, List<Recorded> entries) {
        int n = entries.size();
        Long[] versions = new Long[n];
        String[] operations = new String[n];
        String[] requestIds = new String[n];
        JsonObject[] actors = new JsonObject[n];
        JsonObject[] changes = new JsonObject[n];
        for (int i = 0; i < n; i++) {
            Recorded recorded = entries.get(i);
            versions[i] = recorded.version();
            operations[i] = recorded.entry().by().operation();
            requestIds[i] = recorded.entry().by().requestId();
            actors[i] = recorded.entry().by().actor().json(sub);
            changes[i] = recorded.entry().changes();
        }
        values.addArrayOfLong(versions).addArrayOfString(operations).addArrayOfString(requestIds)
                .addArrayOfJsonObject(actors).addArrayOfJsonObject(changes);
    }

    /** Replaces the password hash and status, and when it was set; forgets failed sign-ins. */
    Uni<Void> setPassword(SqlClient sql, PoolUser user, String hash, UserStatus status, Instant now, Entry entry) {
        return sql.preparedQuery(statements.setPassword()).execute(entry(Tuple.of(user.poolId(), user.sub(), hash,
                status.name(), utc(now)), entry, user.sub(), now)).replaceWithVoid();
    }

    Uni<Void> requireReset(SqlClient sql, PoolUser user, Instant now, Entry entry) {
        return sql.preparedQuery(statements.requireReset()).execute(entry(Tuple.of(user.poolId(), user.sub(),
                utc(now)), entry, user.sub(), now)).replaceWithVoid();
    }

    Uni<Void> setEnabled(SqlClient sql, PoolUser user, boolean enabled, Instant now, Entry entry) {
        return sql.preparedQuery(statements.setEnabled()).execute(entry(Tuple.of(user.poolId(), user.sub(), enabled,
                utc(now)), entry, user.sub(), now)).replaceWithVoid();
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
        return sql.preparedQuery(statements.delete()).execute(entry(Tuple.of(poolId, sub), entry, sub, now))
                .map(rows -> rows.size() > 0);
    }

    /** The write's parameters, followed by its entry's when history is on. */
    private Tuple entry(Tuple values, Entry entry, UUID sub, Instant at) {
        return history ? entry.bind(values, sub, at) : values;
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
