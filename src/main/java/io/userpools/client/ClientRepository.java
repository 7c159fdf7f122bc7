package io.userpools.client;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/** App clients in PostgreSQL, through Hibernate Reactive with Panache. */
@Singleton
@WithSession
public class ClientRepository implements PanacheRepositoryBase<AppClient, String> {

    /** Uses the index sessions_client (V21): ClientAdministrationTest checks the plan. */
    static final String REVOKE_SESSIONS = "UPDATE sessions SET revoked_at = :at "
            + "WHERE pool_id = :pool AND client_id = :client AND revoked_at IS NULL";

    /** The client with this id in this pool, or null. */
    public Uni<AppClient> findInPool(String poolId, String clientId) {
        return find("clientId = ?1 and poolId = ?2", clientId, poolId).firstResult();
    }

    /**
     * Up to {@code limit} clients of the pool in creation order, then id, after the client created
     * at {@code afterCreated} with id {@code afterId} (both null: from the start).
     */
    public Uni<List<AppClient>> listAfter(String poolId, Instant afterCreated, String afterId, int limit) {
        Sort order = Sort.by("createdAt").and("clientId");
        var query = afterId == null
                ? find("poolId = ?1", order, poolId)
                : find("poolId = ?1 and (createdAt > ?2 or (createdAt = ?2 and clientId > ?3))", order, poolId,
                        afterCreated, afterId);
        return query.page(0, limit).list();
    }

    /** Deletes the client with this id in this pool; false when there was none. */
    public Uni<Boolean> deleteInPool(String poolId, String clientId) {
        return delete("clientId = ?1 and poolId = ?2", clientId, poolId).map(count -> count > 0);
    }

    /** Revokes, as of {@code at}, every live session (refresh token family) issued through the client. */
    public Uni<Integer> revokeSessions(String poolId, String clientId, Instant at) {
        return getSession().flatMap(session -> session.createNativeQuery(REVOKE_SESSIONS)
                .setParameter("at", at).setParameter("pool", poolId).setParameter("client", clientId)
                .executeUpdate());
    }
}
