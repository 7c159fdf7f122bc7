package io.userpools.pool;

import io.userpools.common.Caches;
import io.userpools.common.PaginationTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.userpools.common.UserpoolsConfig;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.error.ResourceNotFoundException;
import jakarta.persistence.LockModeType;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Creates, reads, updates and deletes pools. Pools are read on every request, so they are cached
 * here for a few seconds. A change made through this replica (update, new custom attributes,
 * deletion) replaces or drops its entry once committed, so later requests see it at once; other
 * replicas see it at the latest when their entry expires (a deleted pool's users are gone at once).
 * The custom message webhook's secret is sealed before a pool is stored ({@link TriggerSecrets}).
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
    private final TriggerSecrets secrets;

    public PoolService(PoolRepository repository, UserpoolsConfig config, Clock clock, PaginationTokens tokens,
            TriggerSecrets secrets) {
        this.repository = repository;
        this.secrets = secrets;
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
        return Uni.createFrom().item(() -> secrets.sealed(build(request)))
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
                PoolSettingsBuilder.adminCreateUserConfig(request.adminCreateUserConfig()),
                PoolSettingsBuilder.history(request.history(), schema),
                AccountRecoveryBuilder.accountRecovery(request.accountRecoverySetting()));
        Instant now = now();
        return new Pool(newPoolId(), request.name(), settings, schema, now, now);
    }

    /**
     * UpdateUserPool ([L 7.1]): replaces the pool's settings, each one left out returning to its
     * default unless {@link UpdatePoolCommand#omitted} keeps it, with the checks of CreateUserPool
     * run again on the result. The row is locked for the change, so concurrent updates apply one
     * after the other; the new settings serve every request started after the commit.
     *
     * @throws ResourceNotFoundException  when no such pool exists
     * @throws io.userpools.common.error.InvalidParameterException for an invalid setting, or one that
     *                                    cannot change after creation (username or alias attributes,
     *                                    case sensitivity)
     */
    public Uni<Pool> update(String poolId, UpdatePoolCommand command) {
        return change(poolId, pool -> updated(pool, command));
    }

    /**
     * AddCustomAttributes ([L 7.2]): appends custom attributes to the pool's schema, all or nothing.
     * Existing users have no value for them; attributes are never removed or renamed.
     *
     * @throws ResourceNotFoundException  when no such pool exists
     * @throws io.userpools.common.error.InvalidParameterException for a name the pool already has, a
     *                                    required or malformed attribute, or more than 50 custom
     *                                    attributes in all
     */
    public Uni<Pool> addCustomAttributes(String poolId, List<CreatePoolCommand.SchemaAttributeInput> attributes) {
        return change(poolId, pool -> new Pool(pool.id(), pool.name(), pool.settings(),
                PoolSchemaBuilder.addCustom(pool.schema(), attributes), pool.createdAt(), now()));
    }

    /**
     * The number of users in the pool, for DescribeUserPool's {@code EstimatedNumberOfUsers}.
     *
     * @throws ResourceNotFoundException when no such pool exists
     */
    public Uni<Long> countUsers(String poolId) {
        return get(poolId).flatMap(pool -> repository.countUsers(poolId));
    }

    /**
     * Applies {@code change} to the locked row in one transaction, then serves the result from the
     * cache: the entry is replaced after the commit, never before it (hence a transaction opened
     * here rather than {@code @WithTransaction}, whose commit would follow the replacement).
     */
    private Uni<Pool> change(String poolId, UnaryOperator<Pool> change) {
        if (!isPoolId(poolId)) {
            return Uni.createFrom().failure(notFound(poolId));
        }
        return Panache.withTransaction(() -> repository.findById(poolId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> notFound(poolId))
                .map(row -> {
                    Pool changed = secrets.sealed(change.apply(row.toPool()));
                    row.name = changed.name();
                    row.settings = changed.settings();
                    row.schema = new StoredSchema(changed.schema());
                    row.lastModifiedAt = changed.lastModifiedAt();
                    return changed;
                }))
                .invoke(pool -> cache.put(poolId, new Cached(pool, clock.instant().plus(CACHE_TTL))));
    }

    private Pool updated(Pool pool, UpdatePoolCommand c) {
        PoolSettings current = pool.settings();
        unchanged("usernameAttributes", c.usernameAttributes(), current.usernameAttributes());
        unchanged("aliasAttributes", c.aliasAttributes(), current.aliasAttributes());
        if (c.usernameCaseSensitive() != null && c.usernameCaseSensitive() != current.usernameCaseSensitive()) {
            throw new InvalidParameterException("usernameCaseSensitive cannot be changed after the pool is created.");
        }
        List<String> autoVerified = orEmpty(c.autoVerifiedAttributes());
        List<String> requireVerification = orEmpty(c.attributesRequireVerificationBeforeUpdate());
        PoolSchemaBuilder.checkAttributeSettings(current.usernameAttributes(), current.aliasAttributes(), autoVerified,
                requireVerification, pool.schema());
        boolean keep = c.omitted() == UpdatePoolCommand.Omitted.COGNITO;
        PoolSettings settings = new PoolSettings(current.usernameAttributes(), current.aliasAttributes(), autoVerified,
                requireVerification, current.usernameCaseSensitive(),
                keep && c.triggers() == null ? current.triggers() : PoolSettingsBuilder.triggers(c.triggers()),
                PoolSettingsBuilder.messaging(c.messaging()),
                keep && c.passwordPolicy() == null ? current.passwordPolicy()
                        : PoolSettingsBuilder.passwordPolicy(c.passwordPolicy(), c.adminCreateUserConfig()),
                keep && c.tokenValidity() == null ? current.tokenValidity()
                        : PoolSettingsBuilder.tokenValidity(c.tokenValidity()),
                PoolSettingsBuilder.adminCreateUserConfig(c.adminCreateUserConfig()), // reset when omitted, L 7.1
                keep && c.history() == null ? current.history() : PoolSettingsBuilder.history(c.history(), pool.schema()),
                AccountRecoveryBuilder.accountRecovery(c.accountRecoverySetting())); // absent: legacy, L 7.1
        return new Pool(pool.id(), c.name() == null ? pool.name() : c.name(), settings, pool.schema(),
                pool.createdAt(), now());
    }

    /** The time to store: PostgreSQL keeps microseconds, and the cached pool must equal the stored one. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static void unchanged(String field, List<String> requested, List<String> current) {
        if (requested != null && !(requested.size() == current.size() && new HashSet<>(requested).equals(
                new HashSet<>(current)))) {
            throw new InvalidParameterException(field + " cannot be changed after the pool is created.");
        }
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
