package io.userpools.ratelimit;

import io.userpools.common.Caches;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.smallrye.mutiny.Uni;
import io.userpools.common.Metrics;
import io.userpools.common.error.TooManyRequestsException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request-rate limits per pool and quota category: a token bucket (Bucket4j, in memory) per pool
 * and category, holding one second's worth of requests and refilled continuously. Limits are
 * counted by each replica on its own: with N replicas behind a balancer a pool can get up to N
 * times its limit. A pool's overrides are read from the database and kept for a few seconds, so a
 * change made on another replica applies here within that time.
 */
@Singleton
public class RateLimiter {

    /** The bucket key of operations that belong to no pool (create and list pools). */
    static final String NO_POOL = "*";
    private static final Duration OVERRIDES_TTL = Duration.ofSeconds(5);

    private record Limited(int perSecond, Bucket bucket) {
    }

    private static final class PoolLimits {
        final Map<QuotaCategory, Integer> overrides;
        final Instant until;
        final Map<QuotaCategory, Limited> buckets = new ConcurrentHashMap<>();

        PoolLimits(Map<QuotaCategory, Integer> overrides, Instant until) {
            this.overrides = overrides;
            this.until = until;
        }
    }

    private final RateLimitConfig config;
    private final PoolRateLimitRepository repository;
    private final Metrics metrics;
    private final Clock clock;
    /** Per pool (and NO_POOL); pools unused for 10 minutes are dropped, their buckets full again on return. */
    private final Map<String, PoolLimits> pools;

    public RateLimiter(RateLimitConfig config, PoolRateLimitRepository repository, Metrics metrics, Clock clock) {
        this.config = config;
        this.repository = repository;
        this.metrics = metrics;
        this.clock = clock;
        this.pools = Caches.<String, PoolLimits>expiring(clock, Duration.ofMinutes(10), 100_000).asMap();
    }

    /**
     * Counts one request of this operation against its pool's limit. Operations without a
     * category pass; so does everything when the limit has room.
     *
     * @param poolId the pool, or null for operations outside any pool
     * @throws TooManyRequestsException (as the Uni's failure) when the limit is reached, with the
     *         seconds until a request would be accepted
     */
    public Uni<Void> check(String poolId, String operation) {
        var category = QuotaCategories.of(operation);
        if (category.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String key = poolId == null ? NO_POOL : poolId;
        PoolLimits limits = pools.get(key);
        if (limits != null && limits.until.isAfter(clock.instant())) {
            return consume(limits, category.get(), operation);
        }
        Uni<Map<QuotaCategory, Integer>> overrides = poolId == null
                ? Uni.createFrom().item(Map.of()) : repository.find(poolId);
        return overrides.chain(found -> consume(refresh(key, found, limits), category.get(), operation));
    }

    /** A pool's own limits and the ones in force (its own over the deployment's), per second. */
    public record Limits(Map<QuotaCategory, Integer> overrides, Map<QuotaCategory, Integer> effective) {
    }

    /** The limits of a pool, read from the database (the caller has checked that the pool exists). */
    public Uni<Limits> limits(String poolId) {
        return repository.find(poolId).map(overrides -> {
            refresh(poolId, overrides, pools.get(poolId));
            Map<QuotaCategory, Integer> all = new EnumMap<>(QuotaCategory.class);
            for (QuotaCategory category : QuotaCategory.values()) {
                all.put(category, overrides.getOrDefault(category, configured(config, category)));
            }
            return new Limits(overrides, all);
        });
    }

    /** Stores a pool's overrides (replacing the previous ones) and applies them here at once. */
    public Uni<Void> override(String poolId, Map<QuotaCategory, Integer> overrides) {
        return repository.replace(poolId, overrides).invoke(() -> pools.remove(poolId));
    }

    private PoolLimits refresh(String key, Map<QuotaCategory, Integer> overrides, PoolLimits previous) {
        PoolLimits fresh = new PoolLimits(Map.copyOf(overrides), clock.instant().plus(OVERRIDES_TTL));
        if (previous != null) {
            fresh.buckets.putAll(previous.buckets); // keep the counts; a changed limit rebuilds its bucket
        }
        pools.put(key, fresh);
        return fresh;
    }

    private Uni<Void> consume(PoolLimits limits, QuotaCategory category, String operation) {
        int perSecond = limits.overrides.getOrDefault(category, configured(config, category));
        Limited limited = limits.buckets.compute(category,
                (c, current) -> current != null && current.perSecond() == perSecond ? current
                        : new Limited(perSecond, bucket(perSecond)));
        ConsumptionProbe probe = limited.bucket().tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Uni.createFrom().voidItem();
        }
        metrics.rateLimited(category.name(), operation);
        long seconds = (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L;
        return Uni.createFrom().failure(new TooManyRequestsException("Rate exceeded", seconds));
    }

    private static Bucket bucket(int perSecond) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build();
    }

    /** The configured limit of a category. */
    static int configured(RateLimitConfig config, QuotaCategory category) {
        return switch (category) {
            case UserAuthentication -> config.userAuthentication();
            case UserCreation -> config.userCreation();
            case UserFederation -> config.userFederation();
            case UserAccountRecovery -> config.userAccountRecovery();
            case UserRead -> config.userRead();
            case UserUpdate -> config.userUpdate();
            case UserToken -> config.userToken();
            case UserResourceRead -> config.userResourceRead();
            case UserResourceUpdate -> config.userResourceUpdate();
            case UserList -> config.userList();
            case UserPoolRead -> config.userPoolRead();
            case UserPoolUpdate -> config.userPoolUpdate();
            case UserPoolResourceRead -> config.userPoolResourceRead();
            case UserPoolResourceUpdate -> config.userPoolResourceUpdate();
            case UserPoolClientRead -> config.userPoolClientRead();
            case UserPoolClientUpdate -> config.userPoolClientUpdate();
            case ClientAuthentication -> config.clientAuthentication();
        };
    }
}
