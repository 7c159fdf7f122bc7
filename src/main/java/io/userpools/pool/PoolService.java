package io.userpools.pool;

import io.userpools.common.Caches;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.userpools.common.UserpoolsConfig;
import io.userpools.common.error.ResourceNotFoundException;
import io.userpools.pool.rest.CreateUserPoolRequest;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Creates, reads and deletes pools. Pools are read on every request, so they are cached here
 * for a few seconds; a pool's schema never changes, and a deletion elsewhere shows at the latest
 * when the entry expires (its users are gone with it at once).
 */
@Singleton
public class PoolService {

    private static final Duration CACHE_TTL = Duration.ofSeconds(5);
    private static final char[] ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    private record Cached(Pool pool, Instant until) {
    }

    private final PoolRepository repository;
    private final UserpoolsConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache;

    public PoolService(PoolRepository repository, UserpoolsConfig config, Clock clock) {
        this.repository = repository;
        this.config = config;
        this.clock = clock;
        this.cache = Caches.<String, Cached>expiring(clock, Duration.ofMinutes(10), 100_000).asMap();
    }

    /**
     * CreateUserPool: checks the schema and settings ([2.10]), fills the defaults of absent
     * settings, and stores a new pool under a fresh id {@code <region>_<9 alphanumerics>}.
     * Nothing is stored when a check fails.
     *
     * @throws io.userpools.common.error.InvalidParameterException for an invalid schema or setting
     */
    @WithTransaction
    public Uni<Pool> create(CreateUserPoolRequest request) {
        return Uni.createFrom().item(() -> build(request))
                .flatMap(pool -> repository.persist(UserPool.from(pool)))
                .map(UserPool::toPool);
    }

    private Pool build(CreateUserPoolRequest request) {
        List<AttributeDefinition> schema = PoolSchemaBuilder.schema(request.schema());
        List<String> usernameAttributes = orEmpty(request.usernameAttributes());
        List<String> aliasAttributes = orEmpty(request.aliasAttributes());
        List<String> autoVerified = orEmpty(request.autoVerifiedAttributes());
        List<String> requireVerification = orEmpty(request.attributesRequireVerificationBeforeUpdate());
        PoolSchemaBuilder.checkAttributeSettings(usernameAttributes, aliasAttributes, autoVerified, requireVerification,
                schema);
        PoolSettings settings = new PoolSettings(usernameAttributes, aliasAttributes, autoVerified, requireVerification,
                request.usernameCaseSensitive() == null || request.usernameCaseSensitive(),
                PoolSettingsBuilder.triggers(request.triggers()),
                PoolSettingsBuilder.messaging(request.messaging()),
                PoolSettingsBuilder.passwordPolicy(request.passwordPolicy()),
                PoolSettingsBuilder.tokenValidity(request.tokenValidity()));
        Instant now = clock.instant();
        return new Pool(newPoolId(), request.name(), settings, schema, now, now);
    }

    /**
     * The pool with this id, from the cache when fresh.
     *
     * @throws ResourceNotFoundException when no such pool exists
     */
    public Uni<Pool> get(String poolId) {
        Cached cached = cache.get(poolId);
        if (cached != null && cached.until().isAfter(clock.instant())) {
            return Uni.createFrom().item(cached.pool());
        }
        return load(poolId).invoke(pool -> cache.put(poolId, new Cached(pool, clock.instant().plus(CACHE_TTL))));
    }

    @WithSession
    Uni<Pool> load(String poolId) {
        return repository.findById(poolId)
                .onItem().ifNull().failWith(() -> notFound(poolId))
                .map(UserPool::toPool);
    }

    /** ListUserPools: pools in id order after the given id. */
    @WithSession
    public Uni<List<Pool>> list(String afterId, int limit) {
        return repository.listAfter(afterId, limit).map(rows -> rows.stream().map(UserPool::toPool).toList());
    }

    /**
     * DeleteUserPool: removes the pool with its users, clients, keys and pending messages.
     *
     * @throws ResourceNotFoundException when no such pool exists
     */
    @WithTransaction
    public Uni<Void> delete(String poolId) {
        return repository.deleteById(poolId)
                .invoke(() -> cache.remove(poolId))
                .flatMap(deleted -> deleted ? Uni.createFrom().voidItem() : Uni.createFrom().failure(notFound(poolId)));
    }

    /** Drops a cached pool, after a change. */
    public void evict(String poolId) {
        cache.remove(poolId);
    }

    public static ResourceNotFoundException notFound(String poolId) {
        return new ResourceNotFoundException("User pool " + poolId + " does not exist.");
    }

    private String newPoolId() {
        StringBuilder id = new StringBuilder(config.region()).append('_');
        for (int i = 0; i < 9; i++) {
            id.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
        }
        return id.toString();
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }
}
