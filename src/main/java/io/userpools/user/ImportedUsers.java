package io.userpools.user;

import io.smallrye.mutiny.Uni;
import io.userpools.history.HistoryConfig;
import io.userpools.history.Recording;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The writer of imported users (CSV import, issue 17): a batch of new users in RESET_REQUIRED, with
 * no password, their sign-in identifiers and one {@code created} history entry each (V10), in a
 * few set-based statements of the caller's transaction. Usernames and identifiers already taken in
 * the pool, or taken earlier in the same batch, fail their line with AdminCreateUser's texts. If
 * another writer takes one between the check and the insert, {@link Raced} is thrown: the caller
 * rolls the batch back and runs it again, when the check sees the newcomer. The inserts are plain
 * (no ON CONFLICT): a batch either writes every user or fails with a unique violation, which
 * becomes {@link Raced}, and skips the speculative insertion that ON CONFLICT costs per row.
 */
@Singleton
public class ImportedUsers {

    /** One user to create: attributes as stored (with {@code sub}), identifiers as value keys. */
    public record NewUser(long line, UUID sub, String username, String usernameKey, Map<String, String> attributes,
            Map<String, String> aliasKeys) {
    }

    /** A line that created no user. */
    public record Refused(long line, String reason) {
    }

    /** Another writer took a username or identifier during the batch: roll back and run it again. */
    public static final class Raced extends RuntimeException {
        Raced() {
            super("a username or alias was taken during the batch", null, false, false);
        }
    }

    private static final String TAKEN = "SELECT 'u', username_key, NULL FROM users "
            + "WHERE pool_id = $1 AND username_key = ANY($2::text[]) "
            + "UNION ALL SELECT 'a', a.value_key, a.attribute_name FROM user_aliases a "
            + "JOIN unnest($3::text[], $4::text[]) AS t(n, k) ON a.attribute_name = t.n AND a.value_key = t.k "
            + "WHERE a.pool_id = $1";
    // the history entry of each inserted user is written in the same statement (V10); its changes
    // (every attribute new, the status) are built here rather than in SQL, where taking each
    // document apart again (jsonb_each, jsonb_object_agg) cost about as much as the history row
    private static final String ENTRIES = "INSERT INTO user_history (pool_id, sub, username, version, "
            + "kind, operation, actor, changes, changed_at) SELECT $1, ins.sub, ins.username, 1, 'created', $7, "
            + "$8::jsonb, input.changes::jsonb, $6 FROM ins JOIN input ON input.sub = ins.sub";
    private static final String ALIASES = "INSERT INTO user_aliases (pool_id, attribute_name, value_key, sub) "
            + "SELECT $1, n, k, s FROM unnest($2::text[], $3::text[], $4::uuid[]) AS t(n, k, s)";

    private final Recording recording;
    /** The insert, with the entries when history is on ({@code userpools.history.enabled}), built once. */
    private final String insert;

    public ImportedUsers(HistoryConfig config) {
        this.recording = Recording.of(config);
        // each user's changes ($9, input.changes) are only passed for the entries
        this.insert = recording.statement("input AS (SELECT * FROM unnest($2::uuid[], $3::text[], $4::text[], "
                + "$5::text[]" + recording.forEntry(", $9::text[]") + ") AS t(sub, username, username_key, attributes"
                + recording.forEntry(", changes") + ")), "
                + "ins AS (INSERT INTO users (pool_id, sub, username, username_key, status, enabled, attributes, "
                + "pending, version, created_at, last_modified_at) SELECT $1, sub, username, username_key, "
                + "'RESET_REQUIRED', TRUE, attributes::jsonb, '{}', 1, $6, $6 FROM input RETURNING sub, username)",
                ENTRIES, "SELECT count(*) FROM ins");
    }

    /**
     * Creates the users that can be created; answers the lines refused.
     *
     * @param operation the Cognito operation the history records
     * @param actor     the history's actor (V10's shape)
     * @param unkept    attributes whose values the pool's history does not keep
     * @throws Raced when another writer took a username or identifier meanwhile
     */
    public Uni<List<Refused>> insert(SqlClient sql, String poolId, List<NewUser> users, Instant now,
            String operation, JsonObject actor, java.util.Collection<String> unkept) {
        if (users.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> aliasNames = new ArrayList<>();
        List<String> aliasKeys = new ArrayList<>();
        users.forEach(user -> user.aliasKeys().forEach((name, key) -> {
            aliasNames.add(name);
            aliasKeys.add(key);
        }));
        Tuple check = Tuple.of(poolId, users.stream().map(NewUser::usernameKey).toArray(String[]::new),
                aliasNames.toArray(String[]::new), aliasKeys.toArray(String[]::new));
        return sql.preparedQuery(TAKEN).execute(check).flatMap(rows -> {
            Set<String> takenNames = new HashSet<>();
            Set<String> takenAliases = new HashSet<>();
            for (Row row : rows) {
                if ("u".equals(row.getString(0))) {
                    takenNames.add(row.getString(1));
                } else {
                    takenAliases.add(row.getString(2) + '\0' + row.getString(1));
                }
            }
            List<Refused> refused = new ArrayList<>();
            List<NewUser> accepted = new ArrayList<>();
            for (NewUser user : users) {
                String reason = reason(user, takenNames, takenAliases);
                if (reason != null) {
                    refused.add(new Refused(user.line(), reason));
                    continue;
                }
                // later lines of the same batch see this one's username and identifiers as taken
                takenNames.add(user.usernameKey());
                user.aliasKeys().forEach((name, key) -> takenAliases.add(name + '\0' + key));
                accepted.add(user);
            }
            return write(sql, poolId, accepted, now, operation, actor, unkept).replaceWith(refused);
        });
    }

    /**
     * Creates every user of a batch that holds no username or identifier twice, without looking
     * for taken ones first (the usual case, an import into a pool that has none of them): answers
     * no refused line, or throws {@link Raced} when any was taken, after which the caller rolls
     * back and runs the batch through {@link #insert}, which names the lines.
     */
    public Uni<List<Refused>> insertUnchecked(SqlClient sql, String poolId, List<NewUser> users, Instant now,
            String operation, JsonObject actor, java.util.Collection<String> unkept) {
        return write(sql, poolId, users, now, operation, actor, unkept).replaceWith(List.of());
    }

    private static String reason(NewUser user, Set<String> takenNames, Set<String> takenAliases) {
        if (takenNames.contains(user.usernameKey())) {
            return UserWriter.USERNAME_TAKEN;
        }
        for (Map.Entry<String, String> alias : user.aliasKeys().entrySet()) {
            if (takenAliases.contains(alias.getKey() + '\0' + alias.getValue())) {
                return AliasRepository.aliasExists(alias.getKey()).getMessage();
            }
        }
        return null;
    }

    /** The {@code changes} of a user's {@code created} entry: every attribute new, and the status. */
    static String created(Map<String, String> attributes, java.util.Collection<String> unkept) {
        JsonObject values = new JsonObject();
        attributes.forEach((name, value) -> values.put(name, unkept.contains(name) ? new JsonObject().put("kept", false)
                : new JsonObject().putNull("old").put("new", value)));
        return new JsonObject().put("attributes", values)
                .put("status", new JsonObject().putNull("old").put("new", UserStatus.RESET_REQUIRED.name())).encode();
    }

    private Uni<Void> write(SqlClient sql, String poolId, List<NewUser> users, Instant now, String operation,
            JsonObject actor, java.util.Collection<String> unkept) {
        if (users.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = users.size();
        UUID[] subs = new UUID[n];
        String[] names = new String[n];
        String[] keys = new String[n];
        String[] docs = new String[n];
        String[] changes = new String[n];
        List<String> aliasNames = new ArrayList<>();
        List<String> aliasKeys = new ArrayList<>();
        List<UUID> aliasSubs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            NewUser user = users.get(i);
            subs[i] = user.sub();
            names[i] = user.username();
            keys[i] = user.usernameKey();
            docs[i] = new JsonObject(new LinkedHashMap<>(user.attributes())).encode();
            changes[i] = recording.enabled() ? created(user.attributes(), unkept) : null;
            user.aliasKeys().forEach((name, key) -> {
                aliasNames.add(name);
                aliasKeys.add(key);
                aliasSubs.add(user.sub());
            });
        }
        Tuple values = Tuple.tuple().addString(poolId).addArrayOfUUID(subs).addArrayOfString(names)
                .addArrayOfString(keys).addArrayOfString(docs).addOffsetDateTime(UserRepository.utc(now));
        if (recording.enabled()) {
            values.addString(operation).addJsonObject(actor).addArrayOfString(changes);
        }
        return sql.preparedQuery(insert).execute(values).flatMap(rows -> {
            if (aliasNames.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Tuple aliases = Tuple.of(poolId, aliasNames.toArray(String[]::new), aliasKeys.toArray(String[]::new),
                    aliasSubs.toArray(UUID[]::new));
            return sql.preparedQuery(ALIASES).execute(aliases).replaceWithVoid();
        }).onFailure(e -> UserRepository.isUniqueViolation(e, null)).transform(e -> new Raced());
    }
}
