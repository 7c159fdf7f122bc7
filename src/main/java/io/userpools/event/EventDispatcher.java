package io.userpools.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.userpools.common.Backoff;
import io.userpools.common.Metrics;
import io.userpools.common.RoundRunner;
import io.userpools.common.SecretBox;
import io.userpools.trigger.WebhookDestination;
import io.userpools.trigger.WebhookDestinations;
import io.userpools.trigger.WebhookSigner;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Delivers change events to subscriptions; every replica runs one. Each round first moves every
 * subscription no other replica holds along the feed, turning the entries of its types into
 * deliveries ({@link DeliveryRepository}), then claims due deliveries that head their user's
 * queue and POSTs each, signed like the custom message trigger (Standard Webhooks,
 * {@link WebhookSigner}; {@code webhook-id} is the event id, the same on every attempt). A 2xx
 * answer removes the delivery; anything else, no answer in time or a destination the egress rule
 * refuses is retried with exponential backoff and, after {@code userpools.events.max-attempts},
 * parked. Delivery is at least once: an answer lost after the subscriber took the event (a
 * timeout, a replica that died before recording it) means the event comes again, with the same
 * id. Event bodies, secrets and subscriber answers are never logged.
 */
@Singleton
public class EventDispatcher {

    private static final Logger LOG = Logger.getLogger(EventDispatcher.class);
    private static final int SUBSCRIPTIONS_PER_TRANSACTION = 20;

    private final DeliveryRepository deliveries;
    private final EventFeed feed;
    private final Pool sql;
    private final SecretBox box;
    private final WebhookDestinations destinations;
    private final ObjectMapper json;
    private final EventsConfig config;
    private final Clock clock;
    private final Vertx vertx;
    private final WebClient client;
    private final Metrics metrics;
    // the database's message names statements and keys, never event bodies or secrets
    private final RoundRunner rounds = new RoundRunner("event delivery", () -> fanOut("").chain(this::send),
            failure -> failure.getClass().getSimpleName() + ": " + failure.getMessage());

    public EventDispatcher(DeliveryRepository deliveries, EventFeed feed, Pool sql, SecretBox box,
            WebhookDestinations destinations, ObjectMapper json, EventsConfig config, Clock clock, Vertx vertx,
            Metrics metrics) {
        if (config.lease().compareTo(config.sendTimeout().multipliedBy(2)) < 0 || config.sendTimeout().isNegative()
                || config.sendTimeout().isZero()) {
            throw new IllegalStateException("userpools.events.lease must be at least twice "
                    + "userpools.events.send-timeout, and both positive: a send must end while its claim holds");
        }
        this.deliveries = deliveries;
        this.feed = feed;
        this.sql = sql;
        this.box = box;
        this.destinations = destinations;
        this.json = json;
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
        this.metrics = metrics;
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setUserAgent("userpools-events/1").setMaxPoolSize(16));
    }

    void start(@Observes StartupEvent event) {
        rounds.start(vertx, config.pollInterval(), this::refreshPending);
    }

    void stop(@Observes ShutdownEvent event) {
        rounds.stop(vertx);
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Starts a round now, or right after the one in progress. Never blocks. */
    public void nudge() {
        rounds.nudge();
    }

    /** Reads the numbers of waiting and parked deliveries (one count over the table) into their gauges. */
    void refreshPending() {
        deliveries.count().subscribe().with(counts -> metrics.eventDeliveriesWaiting(counts.pending(), counts.parked()),
                failure -> LOG.debugf("event deliveries not counted: %s", failure.getClass().getSimpleName()));
    }

    /** Moves every free subscription along the feed, a transaction per group of subscriptions. */
    Uni<Void> fanOut(String after) {
        return sql.withTransaction(tx -> deliveries.lock(tx, after, SUBSCRIPTIONS_PER_TRANSACTION)
                .chain(locked -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (DeliveryRepository.Locked subscription : locked) {
                        chain = chain.chain(() -> feed.page(tx, subscription.cursor(), config.feedBatch())
                                .chain(page -> deliveries.fanOut(tx, subscription, wanted(subscription, page.events()),
                                        page.next(), clock.instant())));
                    }
                    return chain.replaceWith(locked);
                }))
                .chain(locked -> locked.size() < SUBSCRIPTIONS_PER_TRANSACTION ? Uni.createFrom().voidItem()
                        : fanOut(locked.get(locked.size() - 1).id()));
    }

    private static List<ChangeEvent> wanted(DeliveryRepository.Locked subscription, List<ChangeEvent> events) {
        return events.stream().filter(e -> e.types().stream().anyMatch(subscription.types()::contains)).toList();
    }

    /** Sends what is due; answers true when the batch was full and more may be due. */
    Uni<Boolean> send() {
        Instant now = clock.instant();
        return deliveries.claim(now, config.lease(), config.sendBatch()).chain(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            List<Uni<Void>> sends = claimed.stream().map(this::deliver).toList();
            return Uni.join().all(sends).andCollectFailures().replaceWith(claimed.size() >= config.sendBatch());
        });
    }

    private Uni<Void> deliver(DeliveryRepository.Claimed delivery) {
        return feed.entry(sql, delivery.poolId(), delivery.entryId()).chain(event -> {
            if (event == null) {
                LOG.warnf("event %s of subscription %s dropped: its history entry is gone",
                        ChangeEvent.id(delivery.entryId()), delivery.subscriptionId());
                metrics.eventDelivery("dropped");
                return deliveries.drop(delivery);
            }
            byte[] secret = box.open(delivery.sealedSecret(), SubscriptionService.context(delivery.subscriptionId()));
            if (secret == null) {
                return failed(delivery, "secret opens with no configured key");
            }
            String body;
            try {
                body = json.writeValueAsString(event);
            } catch (JsonProcessingException e) {
                return failed(delivery, "event not serialisable");
            }
            return post(delivery, event.id(), new String(secret, StandardCharsets.UTF_8), body)
                    .chain(status -> status >= 200 && status <= 299 ? sent(delivery)
                            : failed(delivery, "HTTP " + status))
                    .onFailure().recoverWithUni(e -> failed(delivery, describe(e)));
        });
    }

    /** One signed POST; answers the status. */
    private Uni<Integer> post(DeliveryRepository.Claimed delivery, String id, String secret, String body) {
        long timestamp = clock.instant().getEpochSecond();
        Duration limit = config.sendTimeout();
        return WebhookDestination.of(vertx, destinations, delivery.url())
                .chain(destination -> destination.post(client).timeout(limit.toMillis())
                        .putHeader("content-type", "application/json")
                        .putHeader(WebhookSigner.ID_HEADER, id)
                        .putHeader(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp))
                        .putHeader(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.sign(secret, id, timestamp, body))
                        .as(BodyCodec.none())
                        .sendBuffer(Buffer.buffer(body)))
                .ifNoItem().after(limit).fail()
                .map(response -> response.statusCode());
    }

    private Uni<Void> sent(DeliveryRepository.Claimed delivery) {
        metrics.eventDelivery("sent");
        return deliveries.acknowledge(delivery);
    }

    private Uni<Void> failed(DeliveryRepository.Claimed delivery, String error) {
        Instant now = clock.instant();
        if (delivery.attempts() >= config.maxAttempts()) {
            metrics.eventDelivery("parked");
            LOG.warnf("event %s of subscription %s parked after %d attempts: %s", ChangeEvent.id(delivery.entryId()),
                    delivery.subscriptionId(), delivery.attempts(), error);
            return deliveries.park(delivery, now, error);
        }
        Instant next = now.plus(Backoff.after(delivery.attempts(), config.retryBackoff(), config.maxBackoff()));
        metrics.eventDelivery("failed");
        LOG.debugf("event %s of subscription %s attempt %d failed: %s", ChangeEvent.id(delivery.entryId()),
                delivery.subscriptionId(), delivery.attempts(), error);
        return deliveries.retryAt(delivery, next, error);
    }

    /** What went wrong, for the log and the parked delivery: the failure's kind, never an answer body. */
    static String describe(Throwable e) {
        if (e instanceof WebhookDestinations.Refused) {
            return "refused by the webhook egress rule (userpools.webhooks.*)";
        }
        if (e instanceof java.util.concurrent.TimeoutException || e instanceof io.netty.channel.ConnectTimeoutException) {
            return "no answer in time";
        }
        return e.getClass().getSimpleName();
    }
}
