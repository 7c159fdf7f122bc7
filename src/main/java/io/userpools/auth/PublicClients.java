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
 * The app client that a client-id operation names, checked the same way by every one of them
 * (lifecycle spec 2.1): sign-in ({@link SignInService}, {@link NewPasswordChallengeService}),
 * sign-up and confirmation, password recovery. The client and its pool (the pool named too on the
 * Admin flows), the pool's rate limit, the flows the client allows and its secret hash.
 */
@Singleton
public class PublicClients {

    /** A request's client and the pool it belongs to. */
    public record ClientAndPool(Client client, Pool pool) {
    }

    private final ClientService clients;
    private final PoolService pools;
    private final CallerRateLimit rateLimit;

    public PublicClients(ClientService clients, PoolService pools, CallerRateLimit rateLimit) {
        this.clients = clients;
        this.pools = pools;
        this.rateLimit = rateLimit;
    }

    /**
     * The client and its pool; the request then counts against the pool's rate limit. An admin
     * call names the pool ({@code poolId} not null): the pool must exist, and a client of another
     * pool is not found. Call it on the request's thread (the rate limit is bound to the request).
     */
    public Uni<ClientAndPool> clientAndPool(String clientId, String poolId) {
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

    /** The client and its pool, for an operation that names no pool (see {@link #clientAndPool(String, String)}). */
    public Uni<ClientAndPool> clientAndPool(String clientId) {
        return clientAndPool(clientId, null);
    }

    /**
     * Lifecycle spec 2.1 step 3: a client with a secret needs the hash of the username as sent; a
     * hash sent to a client without a secret is ignored.
     *
     * @throws NotAuthorizedException with Cognito's text for a missing hash, or for a wrong one
     */
    public void requireSecretHash(Client client, String presented, String username) {
        if (!client.hasSecret()) {
            return;
        }
        if (presented == null) {
            throw missingSecretHash(client);
        }
        if (!matchesSecretHash(client, presented, username)) {
            throw secretHashError(client);
        }
    }

    boolean matchesSecretHash(Client client, String presented, String username) {
        return SecretHash.matches(presented, clients.secretOf(client), username, client.clientId());
    }

    static NotAuthorizedException missingSecretHash(Client client) {
        return new NotAuthorizedException("Client " + client.clientId()
                + " is configured for secret but secret was not received");
    }

    static NotAuthorizedException secretHashError(Client client) {
        return new NotAuthorizedException("Unable to verify secret hash for client " + client.clientId());
    }
}
