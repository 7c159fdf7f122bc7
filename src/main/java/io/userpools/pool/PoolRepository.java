package io.userpools.pool;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;

/** Pools in PostgreSQL, through Hibernate Reactive with Panache. */
@Singleton
@WithSession
public class PoolRepository implements PanacheRepositoryBase<UserPool, String> {

    /** Up to {@code limit} pools whose id sorts after {@code afterId} (null: from the start). */
    public Uni<List<UserPool>> listAfter(String afterId, int limit) {
        var query = afterId == null
                ? findAll(Sort.by("id"))
                : find("id > ?1", Sort.by("id"), afterId);
        return query.page(0, limit).list();
    }

    /** How many users the pool has. */
    public Uni<Long> countUsers(String poolId) {
        return getSession().flatMap(session -> session
                .createNativeQuery("SELECT count(*) FROM users WHERE pool_id = ?1", Long.class)
                .setParameter(1, poolId).getSingleResult());
    }
}
