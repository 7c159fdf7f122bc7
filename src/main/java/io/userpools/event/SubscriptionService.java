package io.userpools.event;

import io.smallrye.mutiny.Uni;
import io.userpools.common.SecretBox;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.error.LimitExceededException;
import io.userpools.common.error.ResourceNotFoundException;
import io.userpools.pool.PoolService;
import io.userpools.trigger.WebhookDestination;
import io.userpools.trigger.WebhookDestinations;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * A pool's change-event subscriptions: webhooks that receive the events of the types they chose
 * ({@link EventDispatcher}). The secret is sealed at rest ({@link SecretBox}, bound to the
 * subscription) and never answered back nor logged. The URL must be absolute https (http only
 * where {@code userpools.events.allow-plain-http} says so), without user information or fragment,
 * and pass the webhook egress rule ({@link WebhookDestinations}) when the subscription is made;
 * the rule is applied again to every delivery.
 */
@Singleton
public class SubscriptionService {

    private static final Logger LOG = Logger.getLogger(SubscriptionService.class);
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final PoolService pools;
    private final SubscriptionRepository repository;
    private final SecretBox box;
    private final WebhookDestinations destinations;
    private final Vertx vertx;
    private final Clock clock;
    private final EventsConfig config;
    private final EventDispatcher dispatcher;

    public SubscriptionService(PoolService pools, SubscriptionRepository repository, SecretBox box,
            WebhookDestinations destinations, Vertx vertx, Clock clock, EventsConfig config,
            EventDispatcher dispatcher) {
        this.pools = pools;
        this.repository = repository;
        this.box = box;
        this.destinations = destinations;
        this.vertx = vertx;
        this.clock = clock;
        this.config = config;
        this.dispatcher = dispatcher;
    }

    /** The context a subscription's secret is sealed for. */
    static String context(String subscriptionId) {
        return "event-subscription|" + subscriptionId;
    }

    /**
     * Subscribes a URL to the pool's events of the given types; it receives the events of changes
     * committed from now on.
     *
     * @throws ResourceNotFoundException  when no such pool exists
     * @throws InvalidParameterException  for an unknown event type, a URL that is not absolute
     *                                    https, carries user information, does not resolve or is
     *                                    refused by the egress rule
     * @throws LimitExceededException     when the pool has {@code userpools.events.max-subscriptions}
     */
    public Uni<Subscription> create(CreateSubscriptionCommand command) {
        return pools.get(command.poolId()).chain(pool -> {
            List<String> events = eventTypes(command.events());
            checkUrl(command.url());
            return WebhookDestination.of(vertx, destinations, command.url())
                    .onFailure(WebhookDestinations.Refused.class).transform(e -> {
                        LOG.infof("event subscription of pool %s refused by the egress rule: %s", pool.id(),
                                e.getMessage());
                        return new InvalidParameterException(
                                "url is refused: webhooks may not reach this address (userpools.webhooks.*)");
                    })
                    .onFailure(UnknownHostException.class)
                    .transform(e -> new InvalidParameterException("url is refused: its host does not resolve"))
                    .chain(checked -> {
                        String id = UUID.randomUUID().toString();
                        byte[] sealed = box.seal(command.secret().getBytes(StandardCharsets.UTF_8), context(id));
                        return repository.insert(pool.id(), id, command.url(), events, sealed, clock.instant(),
                                config.maxSubscriptions()).chain(inserted -> {
                                    if (!inserted) {
                                        return Uni.createFrom().failure(new LimitExceededException(
                                                "A pool may have at most " + config.maxSubscriptions()
                                                        + " event subscriptions", 60));
                                    }
                                    return get(pool.id(), id);
                                });
                    });
        });
    }

    /** The pool's subscriptions, oldest first. @throws ResourceNotFoundException for an unknown pool */
    public Uni<List<Subscription>> list(String poolId) {
        return pools.get(poolId).chain(pool -> repository.list(pool.id()));
    }

    /**
     * One subscription with its pending count and parked deliveries.
     *
     * @throws ResourceNotFoundException for an unknown pool or subscription
     */
    public Uni<Subscription> get(String poolId, String subscriptionId) {
        return pools.get(poolId).chain(pool -> ID.matcher(subscriptionId).matches()
                ? repository.get(pool.id(), subscriptionId)
                        .map(found -> found.orElseThrow(() -> notFound(subscriptionId)))
                : Uni.createFrom().failure(notFound(subscriptionId)));
    }

    /** Removes a subscription; its deliveries are dropped. @throws ResourceNotFoundException as {@link #get} */
    public Uni<Void> delete(String poolId, String subscriptionId) {
        return get(poolId, subscriptionId).chain(found -> repository.delete(found.poolId(), found.id()))
                .replaceWithVoid();
    }

    /**
     * Makes the subscription's parked deliveries due again, each with its attempts afresh, and
     * answers the subscription. @throws ResourceNotFoundException as {@link #get}
     */
    public Uni<Subscription> retryParked(String poolId, String subscriptionId) {
        return get(poolId, subscriptionId)
                .chain(found -> repository.retryParked(found.poolId(), found.id(), clock.instant()))
                .invoke(dispatcher::nudge)
                .chain(() -> get(poolId, subscriptionId));
    }

    private static ResourceNotFoundException notFound(String subscriptionId) {
        return new ResourceNotFoundException("Subscription not found.");
    }

    /** The types asked for, each once, in the order given. */
    static List<String> eventTypes(List<String> asked) {
        for (String type : asked) {
            if (!EventTypes.NAMES.contains(type)) {
                throw InvalidParameterException.detectedValue(type.length() > 40 ? type.substring(0, 40) + "..." : type,
                        "events", "Member must satisfy enum value set: " + EventTypes.ALL);
            }
        }
        return List.copyOf(new LinkedHashSet<>(asked));
    }

    private void checkUrl(String url) {
        URI parsed;
        try {
            parsed = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidParameterException("url must be an absolute https URL");
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        boolean allowed = scheme.equals("https") || scheme.equals("http") && config.allowPlainHttp();
        if (!allowed || parsed.getHost() == null || parsed.getHost().isEmpty()) {
            throw new InvalidParameterException("url must be an absolute https URL");
        }
        if (parsed.getRawUserInfo() != null || parsed.getRawFragment() != null) {
            throw new InvalidParameterException("url must not carry user information or a fragment");
        }
    }
}
