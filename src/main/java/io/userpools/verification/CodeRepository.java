package io.userpools.verification;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** verification_codes: one live code per user and attribute; a newer code replaces the older. */
@Singleton
public class CodeRepository {

    private static final String UPSERT = "INSERT INTO verification_codes (pool_id, sub, attribute_name, code_hmac, "
            + "target_value, created_at, expires_at, consumed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL) "
            + "ON CONFLICT (pool_id, sub, attribute_name) DO UPDATE SET code_hmac = EXCLUDED.code_hmac, "
            + "target_value = EXCLUDED.target_value, created_at = EXCLUDED.created_at, "
            + "expires_at = EXCLUDED.expires_at, consumed_at = NULL, failed_attempts = 0";
    private static final String FIND = "SELECT code_hmac, target_value, created_at, expires_at, consumed_at "
            + "FROM verification_codes WHERE pool_id = $1 AND sub = $2 AND attribute_name = $3";
    private static final String CONSUME = "UPDATE verification_codes SET consumed_at = $4 "
            + "WHERE pool_id = $1 AND sub = $2 AND attribute_name = $3";
    private static final String MISMATCH = "UPDATE verification_codes SET failed_attempts = failed_attempts + 1, "
            + "consumed_at = CASE WHEN failed_attempts + 1 >= $4 THEN $5 ELSE consumed_at END "
            + "WHERE pool_id = $1 AND sub = $2 AND attribute_name = $3";
    private static final String DELETE = "DELETE FROM verification_codes "
            + "WHERE pool_id = $1 AND sub = $2 AND attribute_name = $3";

    /** Stores the code, superseding any earlier one for the same user and attribute. */
    public Uni<Void> replace(SqlClient sql, StoredCode code) {
        Tuple args = Tuple.tuple().addString(code.poolId()).addUUID(code.sub()).addString(code.attribute())
                .addBuffer(Buffer.buffer(code.codeHmac())).addString(code.targetValue())
                .addOffsetDateTime(utc(code.createdAt())).addOffsetDateTime(utc(code.expiresAt()));
        return sql.preparedQuery(UPSERT).execute(args).replaceWithVoid();
    }

    /** The user's code for this attribute (locked when {@code lock}), or null. */
    public Uni<StoredCode> find(SqlClient sql, String poolId, UUID sub, String attribute, boolean lock) {
        return sql.preparedQuery(FIND + (lock ? " FOR UPDATE" : "")).execute(Tuple.of(poolId, sub, attribute))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row row = it.next();
                    OffsetDateTime consumed = row.getOffsetDateTime("consumed_at");
                    return new StoredCode(poolId, sub, attribute, row.getBuffer("code_hmac").getBytes(),
                            row.getString("target_value"), row.getOffsetDateTime("created_at").toInstant(),
                            row.getOffsetDateTime("expires_at").toInstant(),
                            consumed == null ? null : consumed.toInstant());
                });
    }

    /** Marks the code used; it never verifies again. */
    public Uni<Void> consume(SqlClient sql, String poolId, UUID sub, String attribute, Instant now) {
        return sql.preparedQuery(CONSUME).execute(Tuple.of(poolId, sub, attribute, utc(now))).replaceWithVoid();
    }

    /**
     * Counts a wrong try of the code; at {@code maxWrong} wrong tries it is burned (marked used),
     * so that it never verifies again.
     */
    public Uni<Void> recordMismatch(SqlClient sql, String poolId, UUID sub, String attribute, int maxWrong,
            Instant now) {
        return sql.preparedQuery(MISMATCH).execute(Tuple.of(poolId, sub, attribute, maxWrong, utc(now)))
                .replaceWithVoid();
    }

    /** Drops the code (the attribute was deleted or its pending value dropped). */
    public Uni<Void> delete(SqlClient sql, String poolId, UUID sub, String attribute) {
        return sql.preparedQuery(DELETE).execute(Tuple.of(poolId, sub, attribute)).replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
