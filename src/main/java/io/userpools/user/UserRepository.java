package io.userpools.user;

import io.smallrye.mutiny.Uni;
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
    private static final String BY_ALIAS = "SELECT u." + COLUMNS.replace(", ", ", u.")
            + " FROM user_aliases a JOIN users u ON u.pool_id = a.pool_id AND u.sub = a.sub"
            + " WHERE a.pool_id = $1 AND a.value_key = $2 ORDER BY a.attribute_name LIMIT 1";
    private static final String INSERT = "INSERT INTO users (pool_id, sub, username, username_key, status, enabled, "
            + "password_hash, attributes, pending, version, created_at, last_modified_at) "
            + "VALUES ($1, $2, $3, $4, $5, TRUE, $6, $7, '{}', 1, $8, $8)";
    private static final String UPDATE_USER = "UPDATE users SET attributes = $3, pending = $4, status = $6, "
            + "version = version + 1, last_modified_at = $5 WHERE pool_id = $1 AND sub = $2 "
            + "RETURNING version, last_modified_at";
    // Rows another transaction holds locked are skipped (not waited for): their merges come back
    // as null and take the locked path on their own, so one busy user never stalls the others.
    private static final String MERGE_MANY = "WITH w AS (SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[]) "
            + "AS w(pool_id, username_key, doc)), "
            + "t AS (SELECT u.pool_id, u.sub, w.doc FROM users u JOIN w ON u.pool_id = w.pool_id "
            + "AND u.username_key = w.username_key FOR UPDATE OF u SKIP LOCKED) "
            + "UPDATE users u SET attributes = jsonb_strip_nulls(u.attributes || t.doc), "
            + "version = u.version + 1, last_modified_at = $4 FROM t "
            + "WHERE u.pool_id = t.pool_id AND u.sub = t.sub "
            + "AND jsonb_strip_nulls(u.attributes || t.doc) IS DISTINCT FROM u.attributes "
            + "RETURNING u.pool_id, u.username_key, u." + COLUMNS.replace(", ", ", u.");
    private static final String COMPARE_AND_SET = "UPDATE users SET attributes = $3, version = $4, "
            + "last_modified_at = $5 WHERE pool_id = $1 AND sub = $2 AND version = $6";
    private static final String UNVERIFY = "UPDATE users SET attributes = attributes || jsonb_build_object($3::text, "
            + "'false'), version = version + 1, last_modified_at = $4 WHERE pool_id = $1 AND sub = $2";
    private static final String DELETE = "DELETE FROM users WHERE pool_id = $1 AND sub = $2";

    private final Pool client;

    public UserRepository(Pool client) {
        this.client = client;
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

    /** The user holding this alias value key (email, phone number or preferred username). */
    public Uni<PoolUser> findByAliasKey(SqlClient sql, String poolId, String valueKey) {
        return one(sql, BY_ALIAS, poolId, Tuple.of(poolId, valueKey));
    }

    /**
     * Inserts a new user.
     *
     * @return false when the username key is taken
     */
    Uni<Boolean> insert(SqlClient sql, PoolUser user, String usernameKey) {
        Tuple values = Tuple.tuple()
                .addString(user.poolId()).addUUID(user.sub()).addString(user.username()).addString(usernameKey)
                .addString(user.status().name()).addString(user.passwordHash())
                .addJsonObject(new JsonObject(new LinkedHashMap<>(user.attributes())))
                .addOffsetDateTime(utc(user.createdAt()));
        return sql.preparedQuery(INSERT).execute(values).replaceWith(true)
                .onFailure(e -> isUniqueViolation(e, "users_username")).recoverWithItem(false);
    }

    /** Writes status, attributes and pending values, advancing version and modification time. */
    Uni<PoolUser> updateUser(SqlClient sql, PoolUser user, UserStatus status, Map<String, String> attributes,
            Map<String, String> pending, Instant now) {
        Tuple values = Tuple.of(user.poolId(), user.sub(), new JsonObject(new LinkedHashMap<>(attributes)),
                new JsonObject(new LinkedHashMap<>(pending)), utc(now), status.name());
        return sql.preparedQuery(UPDATE_USER).execute(values).map(rows -> {
            Row row = rows.iterator().next();
            return new PoolUser(user.poolId(), user.sub(), user.username(), status, user.enabled(),
                    user.passwordHash(), attributes, pending, row.getLong(0), user.createdAt(),
                    row.getOffsetDateTime(1).toInstant(), user.signedOutAt());
        });
    }

    /** One user's merge in {@link #mergeMany}: values to set, and names to remove (as null values). */
    public record Merge(String poolId, String usernameKey, Map<String, String> set, java.util.Collection<String> remove) {
    }

    /**
     * Merges values into and removes names from the attributes of users named by username key,
     * advancing each changed user's version, in one statement. Only for writes whose outcome does
     * not depend on the user's other attributes. The merges must name distinct users (two merges
     * of one user in one statement would lose one of them).
     *
     * @return per merge, in order: the user as stored, or null when no user has that username key,
     *         the merge changed nothing, or another transaction held the user's row locked
     */
    Uni<List<PoolUser>> mergeMany(SqlClient sql, List<Merge> merges, Instant now) {
        String[] poolIds = new String[merges.size()];
        String[] keys = new String[merges.size()];
        JsonObject[] docs = new JsonObject[merges.size()];
        for (int i = 0; i < merges.size(); i++) {
            Merge merge = merges.get(i);
            poolIds[i] = merge.poolId();
            keys[i] = merge.usernameKey();
            JsonObject doc = new JsonObject(new LinkedHashMap<>(merge.set()));
            merge.remove().forEach(name -> doc.putNull(name));
            docs[i] = doc;
        }
        return sql.preparedQuery(MERGE_MANY).execute(Tuple.of(poolIds, keys, docs, utc(now))).map(rows -> {
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

    /**
     * Stores attributes and a new version if the user is still at the version it was read with.
     *
     * @return false when another write came first (the caller reads again)
     */
    Uni<Boolean> compareAndSetAttributes(SqlClient sql, PoolUser read, Map<String, String> attributes,
            long newVersion, Instant now) {
        Tuple values = Tuple.of(read.poolId(), read.sub(), new JsonObject(new LinkedHashMap<>(attributes)), newVersion,
                utc(now), read.version());
        return sql.preparedQuery(COMPARE_AND_SET).execute(values).map(rows -> rows.rowCount() == 1);
    }

    /**
     * Sets a verification flag ({@code email_verified}, {@code phone_number_verified}) to "false",
     * advancing version and modification time: what the previous holder of a moved alias keeps.
     */
    Uni<Void> markUnverified(SqlClient sql, String poolId, UUID sub, String flag, Instant now) {
        return sql.preparedQuery(UNVERIFY).execute(Tuple.of(poolId, sub, flag, utc(now))).replaceWithVoid();
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
    public Uni<Boolean> delete(SqlClient sql, String poolId, UUID sub) {
        return sql.preparedQuery(DELETE).execute(Tuple.of(poolId, sub)).map(rows -> rows.rowCount() > 0);
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
