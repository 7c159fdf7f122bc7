package io.userpools.user;

import io.smallrye.mutiny.Uni;
import io.userpools.history.Entry;
import io.userpools.history.HistoryConfig;
import io.userpools.history.Provenance;
import io.userpools.history.Recording;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The batched statements of the fast path of attribute writes (io.userpools.attribute.MergeLanes):
 * one statement merges into many users ({@link #mergeMany}), or stores one user's batch of writes
 * with a compare-and-set on its version ({@link #compareAndSetAttributes}). Each records the
 * history entry of every write that changed something in the same statement, from parameters
 * built here ({@link Merge#meta}, {@link Recorded}); with history off the statements run without
 * their entries ({@link Recording}). Like {@link UserRepository}'s, the writes are package-private:
 * they run through {@link UserWriter}.
 */
@Singleton
public class BatchedWrites {

    // Rows another transaction holds locked are skipped (not waited for): their merges come back
    // as null and take the locked path on their own, so one busy user never stalls the others.
    // A self-service merge carries its token's SessionGuard (w.sub...): a row that fails it is not
    // written, and its merge comes back as null.
    private static final String MERGE = "w AS (SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], "
            + "$5::jsonb[], $6::uuid[], $7::uuid[], $8::text[]) AS w(pool_id, username_key, doc, meta, sub, origin_jti, client_id)), "
            + "t AS (SELECT u.pool_id, u.sub, u.attributes AS old, w.doc, w.meta FROM users u JOIN w "
            + "ON u.pool_id = w.pool_id AND u.username_key = w.username_key WHERE " + SessionGuard.holds("u", "w")
            + " FOR UPDATE OF u SKIP LOCKED), "
            + "m AS (UPDATE users u SET attributes = jsonb_strip_nulls(u.attributes || t.doc), "
            + "version = u.version + 1, last_modified_at = $4 FROM t "
            + "WHERE u.pool_id = t.pool_id AND u.sub = t.sub "
            + "AND jsonb_strip_nulls(u.attributes || t.doc) IS DISTINCT FROM u.attributes "
            + "RETURNING u.pool_id, u.username_key, u." + UserRepository.COLUMNS.replace(", ", ", u.")
            + ", t.old, t.doc, t.meta)";
    // Each changed row's history entry: the names the merge touched, old and new (or {"kept": false}),
    // with the operation, request id and actor its write carries in meta ($5).
    private static final String MERGE_ENTRIES = "INSERT INTO user_history (" + Entry.COLUMNS + ") SELECT m.pool_id, "
            + "m.sub, m.username, m.version, '" + Entry.UPDATED + "', m.meta->>'operation', m.meta->>'requestId', "
            + "CASE WHEN m.meta->'actor'->>'type' = 'user' THEN m.meta->'actor' || jsonb_build_object('sub', m.sub) "
            + "ELSE m.meta->'actor' END, (SELECT jsonb_build_object('attributes', jsonb_object_agg(k, "
            + "CASE WHEN m.meta->'unkept' ? k THEN '{\"kept\": false}'::jsonb "
            + "ELSE jsonb_build_object('old', m.old->k, 'new', m.attributes->k) END)) "
            + "FROM jsonb_object_keys(m.doc) k WHERE m.old->k IS DISTINCT FROM m.attributes->k), $4 FROM m";
    private static final String COMPARE_AND_SET = "w AS (UPDATE users SET attributes = $3, version = $4, "
            + "last_modified_at = $5 WHERE pool_id = $1 AND sub = $2 AND version = $6 RETURNING pool_id, sub, username)";
    // one entry per write of the batch that changed something, each at its own version ($7 to $11)
    private static final String COMPARE_AND_SET_ENTRIES = "INSERT INTO user_history (" + Entry.COLUMNS + ") "
            + "SELECT w.pool_id, w.sub, w.username, e.version, '" + Entry.UPDATED + "', e.operation, e.request_id, "
            + "e.actor, e.changes, $5 FROM w, unnest($7::bigint[], $8::text[], $9::text[], $10::jsonb[], $11::jsonb[]) "
            + "AS e(version, operation, request_id, actor, changes)";

    private final Recording recording;
    /** The statements, with or without their entries, built once. */
    private final String mergeMany;
    private final String compareAndSet;

    public BatchedWrites(HistoryConfig config) {
        this.recording = Recording.of(config);
        this.mergeMany = recording.statement(MERGE, MERGE_ENTRIES,
                "SELECT pool_id, username_key, " + UserRepository.COLUMNS + " FROM m");
        this.compareAndSet = recording.statement(COMPARE_AND_SET, COMPARE_AND_SET_ENTRIES, "SELECT count(*) FROM w");
    }

    /**
     * One user's merge in {@link #mergeMany}: values to set, and names to remove (as null values);
     * who asked ({@code by}) and the names whose values history does not keep, for its entry; a
     * self-service merge carries its token's guard (null for an admin merge).
     */
    public record Merge(String poolId, String usernameKey, Map<String, String> set, Collection<String> remove,
            Provenance by, Collection<String> unkept, SessionGuard guard) {

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
            metas[i] = recording.enabled() ? merge.meta() : null;
        }
        return sql.preparedQuery(mergeMany).execute(Tuple.of(poolIds, keys, docs, UserRepository.utc(now), metas, subs)
                .addArrayOfUUID(sessions).addArrayOfString(clients)).map(rows -> {
            Map<String, PoolUser> stored = new HashMap<>();
            for (Row row : rows) {
                String poolId = row.getString("pool_id");
                stored.put(poolId + ' ' + row.getString("username_key"), UserRepository.map(poolId, row));
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
                newVersion, UserRepository.utc(now), read.version());
        if (recording.enabled()) {
            addEntries(values, read.sub(), entries);
        }
        return sql.preparedQuery(compareAndSet).execute(values)
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
}
