package io.userpools.client;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/** App clients in PostgreSQL, through Hibernate Reactive with Panache. */
@Singleton
@WithSession
public class ClientRepository implements PanacheRepositoryBase<AppClient, String> {

    /** The client with this id in this pool, or null. */
    public Uni<AppClient> findInPool(String poolId, String clientId) {
        return find("clientId = ?1 and poolId = ?2", clientId, poolId).firstResult();
    }
}
