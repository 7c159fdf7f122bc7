package io.userpools.auth;

import io.smallrye.mutiny.Uni;
import io.userpools.client.Client;
import io.userpools.client.ClientService;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.error.NotAuthorizedException;
import io.userpools.common.error.ResourceNotFoundException;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolService;
import io.userpools.ratelimit.CallerRateLimit;
import jakarta.inject.Singleton;

/**
 * The app client a sign-in names, as every sign-in flow checks it ({@link SignInService},
 * {@link NewPasswordChallengeService}): the client and its pool (the pool named too on the Admin
 * flows), the pool's rate limit, the flows the client allows and its secret hash.
 */
@Singleton
public class SignInClients {

    /** A sign-in's client and the pool it belongs to. */
    record ClientAndPool(Client client, Pool pool) {
    }

    private final ClientService clients;
    private final PoolService pools;
    private final CallerRateLimit rateLimit;

    public SignInClients(ClientService clients, PoolService pools, CallerRateLimit rateLimit) {
        this.clients = clients;
        this.pools = pools;
        this.rateLimit = rateLimit;
    }

    /**
     * The client and its pool; the request then counts against the pool's rate limit. An admin
     * call names the pool ({@code poolId} not null): the pool must exist, and a client of another
     * pool is not found. Call it on the request's thread (the rate limit is bound to the request).
     */
    Uni<ClientAndPool> clientAndPool(String clientId, String poolId) {
        CallerRateLimit.Bound limit = rateLimit.forCurrentRequest();
        Uni<Void> named = poolId == null ? Uni.createFrom().voidItem() : pools.get(poolId).replaceWithVoid();
        return named.chain(() -> clients.get(clientId)).flatMap(client -> {
            if (poolId != null && !poolId.equals(client.poolId())) {
                return Uni.createFrom().<ClientAndPool>failure(ClientService.notFound(clientId));
            }
            return pools.get(client.poolId())
                    .onFailure(ResourceNotFoundException.class)
                    .transform(e -> ClientService.notFound(clientId))
                    .map(pool -> new ClientAndPool(client, pool));
        }).call(cp -> limit.check(cp.pool().id()));
    }

    static void requireFlow(Client client, String flow) {
        if (!client.settings().allowsFlow("ALLOW_" + flow)) {
            throw new InvalidParameterException(flow + " flow not enabled for this client");
        }
    }

    void requireSecretHash(Client client, String presented, String username) {
        if (client.hasSecret() && !matchesSecretHash(client, presented, username)) {
            throw secretHashError(client);
        }
    }

    boolean matchesSecretHash(Client client, String presented, String username) {
        return SecretHash.matches(presented, clients.secretOf(client), username, client.clientId());
    }

    static NotAuthorizedException secretHashError(Client client) {
        return new NotAuthorizedException("Unable to verify secret hash for client " + client.clientId());
    }
}
