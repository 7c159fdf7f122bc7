package io.userpools.attribute;

import io.smallrye.mutiny.Uni;
import io.userpools.pool.Pool;
import io.userpools.pool.StandardAttributes;
import io.userpools.user.AliasRepository;
import io.userpools.user.PoolUser;
import io.userpools.user.UserRepository;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Carries out a planned write inside the caller's transaction: identifiers first (so that a
 * clash aborts before the row changes), then the user row.
 */
@Singleton
public class AttributeWriter {

    private final UserRepository users;
    private final AliasRepository aliases;

    public AttributeWriter(UserRepository users, AliasRepository aliases) {
        this.users = users;
        this.aliases = aliases;
    }

    /** Applies the plan to the locked user and answers the user as stored. */
    public Uni<PoolUser> apply(SqlClient sql, Pool pool, PoolUser user, UpdatePlan plan, Instant now) {
        Set<String> released = new LinkedHashSet<>(plan.aliasesToRemove());
        released.addAll(plan.aliasesToAdd().keySet());
        released.addAll(plan.aliasesToMove().keySet());
        Uni<Void> chain = aliases.remove(sql, pool.id(), user.sub(), released);
        for (Map.Entry<String, String> move : plan.aliasesToMove().entrySet()) {
            chain = chain.flatMap(v -> moveAlias(sql, pool, user.sub(), move.getKey(), move.getValue(), now));
        }
        for (Map.Entry<String, String> add : plan.aliasesToAdd().entrySet()) {
            chain = chain.flatMap(v -> aliases.add(sql, pool.id(), add.getKey(), pool.key(add.getValue()), user.sub()));
        }
        return chain.flatMap(v -> users.updateAttributes(sql, user, plan.attributes(), plan.pending(), now));
    }

    /** Takes a verified alias from its previous holder, who keeps the value unverified ([3.3]). */
    private Uni<Void> moveAlias(SqlClient sql, Pool pool, UUID sub, String attribute, String value, Instant now) {
        String key = pool.key(value);
        return aliases.takeFromOthers(sql, pool.id(), attribute, key, sub)
                .flatMap(previous -> previous == null ? Uni.createFrom().voidItem()
                        : users.markUnverified(sql, pool.id(), previous, StandardAttributes.verifiedFlagOf(attribute), now))
                .flatMap(v -> aliases.add(sql, pool.id(), attribute, key, sub));
    }
}
