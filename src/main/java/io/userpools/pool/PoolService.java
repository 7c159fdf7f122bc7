package io.userpools.pool;

import io.userpools.common.Caches;
import io.userpools.common.PaginationTokens;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.userpools.common.UserpoolsConfig;
import io.userpools.common.error.ResourceNotFoundException;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Creates, reads and deletes pools. Pools are read on every request, so they are cached here
 * for a few seconds; a pool's schema never changes, and a deletion elsewhere shows at the latest
 * when the entry expires (its users are gone with it at once).
 */
@Singleton
public class PoolService {

    private static final Duration CACHE_TTL = Duration.ofSeconds(5);
    private static final Pattern POOL_ID = Pattern.compile("[\\w-]+_[0-9a-zA-Z]+");
    private static final char[] ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    private record Cached(Pool pool, Instant until) {
    }

    /** One page of ListUserPools; {@code nextToken} is null on the last page. */
    public record Page(List<Pool> pools, String nextToken) {
    }

    private final PoolRepository repository;
    private final UserpoolsConfig config;
    private final Clock clock;
    private final PaginationTokens tokens;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache;

    public PoolService(PoolRepository repository, UserpoolsConfig config, Clock clock, PaginationTokens tokens) {
        this.repository = repository;
        this.config = config;
        this.clock = clock;
        this.tokens = tokens;
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
    public Uni<Pool> create(CreatePoolCommand request) {
        return Uni.createFrom().item(() -> build(request))
                .flatMap(pool -> repository.persist(UserPool.from(pool)))
                .map(UserPool::toPool);
    }

    private Pool build(CreatePoolCommand request) {
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
                PoolSettingsBuilder.passwordPolicy(request.passwordPolicy(), request.adminCreateUserConfig()),
                PoolSettingsBuilder.tokenValidity(request.tokenValidity()),
                PoolSettingsBuilder.adminCreateUserConfig(request.adminCreateUserConfig()));
        Instant now = clock.instant();
        return new Pool(newPoolId(), request.name(), settings, schema, now, now);
    }

    /**
     * The pool with this id, from the cache when fresh.
     *
     * @throws ResourceNotFoundException when no such pool exists
     */
    public Uni<Pool> get(String poolId) {
        if (!isPoolId(poolId)) {
            return Uni.createFrom().failure(notFound(poolId));
        }
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

    /**
     * ListUserPools: at most {@code maxResults} pools in id order, after those of the previous
     * pages. Tokens name the last pool of the previous page; they are sealed, good only for this
     * listing and expire after an hour ({@link PaginationTokens}).
     *
     * @param nextToken the previous page's {@code nextToken}, or null for the first page
     * @throws io.userpools.common.error.InvalidParameterException for a bad or expired token
     */
    @WithSession
    public Uni<Page> list(int maxResults, String nextToken) {
        return Uni.createFrom().item(() -> nextToken == null ? null : tokens.position(PaginationTokens.POOLS, nextToken))
                .flatMap(after -> repository.listAfter(after, maxResults + 1))
                .map(rows -> {
                    List<Pool> page = rows.stream().limit(maxResults).map(UserPool::toPool).toList();
                    return new Page(page, tokens.after(PaginationTokens.POOLS, page, rows.size(), Pool::id));
                });
    }

    /**
     * DeleteUserPool: removes the pool with its users, clients, keys and pending messages.
     *
     * @throws ResourceNotFoundException when no such pool exists
     */
    @WithTransaction
    public Uni<Void> delete(String poolId) {
        if (!isPoolId(poolId)) {
            return Uni.createFrom().failure(notFound(poolId));
        }
        return repository.deleteById(poolId)
                .invoke(() -> cache.remove(poolId))
                .flatMap(deleted -> deleted ? Uni.createFrom().voidItem() : Uni.createFrom().failure(notFound(poolId)));
    }

    /** Drops a cached pool, after a change. */
    public void evict(String poolId) {
        cache.remove(poolId);
    }

    /**
     * Whether {@code poolId} can name a pool (Cognito's {@code [\\w-]+_[0-9a-zA-Z]+}, at most 55
     * characters). Anything else names none and is never sent to the database, which would refuse
     * a NUL with an error rather than find nothing.
     */
    public static boolean isPoolId(String poolId) {
        return poolId != null && poolId.length() <= 55 && POOL_ID.matcher(poolId).matches();
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
