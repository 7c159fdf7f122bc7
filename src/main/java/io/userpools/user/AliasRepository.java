package io.userpools.user;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.userpools.common.error.AliasExistsException;
import io.userpools.pool.StandardAttributes;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.UUID;

/**
 * The sign-in identifiers other than the username (user_aliases). The primary key makes every
 * identifier unique in its pool; a clash surfaces as {@link AliasExistsException}.
 */
@Singleton
public class AliasRepository {

    private static final String INSERT = "INSERT INTO user_aliases (pool_id, attribute_name, value_key, sub) "
            + "VALUES ($1, $2, $3, $4)";
    private static final String REMOVE = "DELETE FROM user_aliases WHERE pool_id = $1 AND sub = $2 "
            + "AND attribute_name = ANY($3)";
    private static final String TAKE = "DELETE FROM user_aliases WHERE pool_id = $1 AND attribute_name = $2 "
            + "AND value_key = $3 AND sub <> $4 RETURNING sub";

    /**
     * Records an identifier for the user.
     *
     * @throws AliasExistsException when another user holds it
     */
    public Uni<Void> add(SqlClient sql, String poolId, String attribute, String valueKey, UUID sub) {
        return sql.preparedQuery(INSERT).execute(Tuple.of(poolId, attribute, valueKey, sub)).replaceWithVoid()
                .onFailure(e -> UserRepository.isUniqueViolation(e, null))
                .transform(e -> aliasExists(attribute));
    }

    /** Drops the user's identifiers for these attributes. */
    public Uni<Void> remove(SqlClient sql, String poolId, UUID sub, Collection<String> attributes) {
        if (attributes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sql.preparedQuery(REMOVE).execute(Tuple.of(poolId, sub, attributes.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** Takes the identifier away from any other holder; answers the previous holder's sub or null. */
    public Uni<UUID> takeFromOthers(SqlClient sql, String poolId, String attribute, String valueKey, UUID sub) {
        return sql.preparedQuery(TAKE).execute(Tuple.of(poolId, attribute, valueKey, sub))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getUUID(0) : null);
    }

    public static AliasExistsException aliasExists(String attribute) {
        String what = StandardAttributes.PHONE_NUMBER.equals(attribute) ? "phone number"
                : StandardAttributes.PREFERRED_USERNAME.equals(attribute) ? "preferred username" : "email";
        return new AliasExistsException("An account with the given " + what + " already exists.");
    }
}
