package io.userpools.pool;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.userpools.common.Reseal;
import io.userpools.common.SecretBox;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The custom message webhook's secret at rest: sealed with {@link SecretBox} (the key-encryption
 * key ring), bound to the pool id, and kept in the pool's settings as base64
 * ({@code triggers.customMessage.sealedSecret}), so the database never holds it in clear. Pools
 * stored before sealing existed hold it in clear ({@code secret}): it still signs, and is sealed on
 * the pool's next write, or by the re-sealing after start ({@link Reseal}), which also seals again
 * under the current key what an older key sealed. Neither form is ever answered back
 * ({@code PoolView}, DescribeUserPool) or logged.
 */
@Singleton
public class TriggerSecrets implements Reseal.Participant {

    private static final int PAGE = 200;
    private static final String SELECT = "SELECT id, settings -> 'triggers' -> 'customMessage' AS hook FROM pools "
            + "WHERE settings -> 'triggers' -> 'customMessage' IS NOT NULL AND id > $1 ORDER BY id LIMIT " + PAGE;
    private static final String UPDATE = "UPDATE pools SET settings = jsonb_set(settings, '{triggers,customMessage}', "
            + "$2::jsonb) WHERE id = $1 AND settings -> 'triggers' -> 'customMessage' = $3::jsonb";

    private final io.vertx.mutiny.sqlclient.Pool sql;
    private final SecretBox box;

    public TriggerSecrets(io.vertx.mutiny.sqlclient.Pool sql, SecretBox box) {
        this.sql = sql;
        this.box = box;
    }

    /** The context a pool's webhook secret is sealed for. */
    static String context(String poolId) {
        return "custom-message-secret|" + poolId;
    }

    /**
     * The pool as it is to be stored: a webhook secret in clear sealed under the current key, one
     * sealed by an older key sealed again; anything else unchanged.
     */
    public Pool sealed(Pool pool) {
        PoolSettings.Triggers triggers = pool.settings().triggers();
        if (triggers == null || triggers.customMessage() == null) {
            return pool;
        }
        PoolSettings.CustomMessage hook = triggers.customMessage();
        PoolSettings.CustomMessage stored = sealed(pool.id(), hook);
        if (stored == hook) {
            return pool;
        }
        return new Pool(pool.id(), pool.name(), pool.settings().withTriggers(new PoolSettings.Triggers(stored)),
                pool.schema(), pool.createdAt(), pool.lastModifiedAt());
    }

    private PoolSettings.CustomMessage sealed(String poolId, PoolSettings.CustomMessage hook) {
        if (hook.secret() != null) {
            byte[] sealed = box.seal(hook.secret().getBytes(StandardCharsets.UTF_8), context(poolId));
            return new PoolSettings.CustomMessage(hook.url(), null, hook.timeoutMillis(),
                    Base64.getEncoder().encodeToString(sealed));
        }
        if (hook.sealedSecret() == null) {
            return hook;
        }
        byte[] sealed = Base64.getDecoder().decode(hook.sealedSecret());
        if (box.ring().isCurrent(sealed)) {
            return hook;
        }
        byte[] resealed = box.reseal(sealed, context(poolId));
        return resealed == null ? hook : new PoolSettings.CustomMessage(hook.url(), null, hook.timeoutMillis(),
                Base64.getEncoder().encodeToString(resealed));
    }

    /**
     * The secret that signs the calls to the pool's webhook: opened when sealed, as stored when in
     * clear (a pool stored before sealing), empty when there is none; null when no configured key
     * opens it.
     */
    public String secret(String poolId, PoolSettings.CustomMessage hook) {
        if (hook.sealedSecret() == null) {
            return hook.secret() == null ? "" : hook.secret();
        }
        byte[] plain;
        try {
            plain = box.open(Base64.getDecoder().decode(hook.sealedSecret()), context(poolId));
        } catch (IllegalArgumentException e) {
            return null; // not base64: nobody but a hand edit writes that
        }
        return plain == null ? null : new String(plain, StandardCharsets.UTF_8);
    }

    /**
     * Seals every webhook secret stored in clear, and seals again under the current key what an
     * older one sealed. A pool changed meanwhile (its webhook no longer what was read) is left to its
     * own write, which seals.
     */
    @Override
    public Uni<Reseal.Report> resealOld() {
        long[] counts = new long[2];
        return page("", counts).map(done -> new Reseal.Report("custom message webhook secrets",
                box.ring().current().id(), counts[0], counts[1], "no configured key opens them"));
    }

    private Uni<Void> page(String after, long[] counts) {
        return sql.preparedQuery(SELECT).execute(Tuple.of(after)).flatMap(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().voidItem();
            }
            String[] last = new String[1];
            return replace(rows, last, counts).flatMap(ignored -> rows.size() < PAGE ? Uni.createFrom().voidItem()
                    : page(last[0], counts));
        });
    }

    private Uni<Void> replace(RowSet<Row> rows, String[] last, long[] counts) {
        return Multi.createFrom().iterable(rows).onItem().transformToUniAndConcatenate(row -> {
            String poolId = row.getString("id");
            last[0] = poolId;
            JsonObject read = (JsonObject) row.getValue("hook");
            PoolSettings.CustomMessage hook = new PoolSettings.CustomMessage(read.getString("url"),
                    read.getString("secret"), read.getInteger("timeoutMillis"), read.getString("sealedSecret"));
            PoolSettings.CustomMessage stored;
            try {
                stored = sealed(poolId, hook);
            } catch (IllegalArgumentException e) {
                stored = hook; // a sealed secret that is not base64
            }
            if (stored == hook) {
                if (hook.sealedSecret() != null && !box.ring().isCurrent(decoded(hook.sealedSecret()))) {
                    counts[1]++;
                }
                return Uni.createFrom().voidItem();
            }
            JsonObject written = read.copy();
            written.remove("secret");
            written.put("sealedSecret", stored.sealedSecret());
            return sql.preparedQuery(UPDATE).execute(Tuple.of(poolId, written, read))
                    .invoke(result -> counts[0] += result.rowCount()).replaceWithVoid();
        }).collect().last().replaceWithVoid();
    }

    private static byte[] decoded(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
