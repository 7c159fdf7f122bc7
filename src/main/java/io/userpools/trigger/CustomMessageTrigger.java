package io.userpools.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.userpools.common.Metrics;
import io.userpools.common.error.CognitoException;
import io.userpools.common.error.InvalidLambdaResponseException;
import io.userpools.common.error.UnexpectedLambdaException;
import io.userpools.common.error.UserLambdaValidationException;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolSettings;
import io.userpools.pool.TriggerSecrets;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Calls a pool's custom message webhook ([2.14], API.md "Custom message trigger"): one signed POST
 * with the event, a time limit (the pool's {@code timeoutMillis}, 5 s by default) and an answer of
 * at most 64 KiB. A refused connection is tried up to three times in all, as Cognito retries a
 * Lambda; a timeout is not retried. The event's client metadata is never logged. Where the call
 * may connect is the egress rule's to say ({@link WebhookDestinations}): the host is resolved once
 * and the call connects to the address that was checked. Each call is counted in
 * {@code userpools.trigger.calls} by outcome: {@code ok}, {@code vetoed}, {@code invalid} (an
 * unusable or oversized answer), {@code timeout}, {@code refused} (by the egress rule) or
 * {@code failed} (no connection, or an error answer without a message).
 */
@Singleton
public class CustomMessageTrigger {

    public static final int DEFAULT_TIMEOUT_MILLIS = 5000;
    public static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final Logger LOG = Logger.getLogger(CustomMessageTrigger.class);

    private final Vertx vertx;
    private final WebClient client;
    private final ObjectMapper json;
    private final Clock clock;
    private final WebhookDestinations destinations;
    private final Metrics metrics;
    private final boolean reflectVetoMessage;
    private final TriggerSecrets secrets;

    public CustomMessageTrigger(Vertx vertx, ObjectMapper json, Clock clock, WebhookDestinations destinations,
            Metrics metrics, WebhooksConfig config, TriggerSecrets secrets) {
        this.secrets = secrets;
        this.vertx = vertx;
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setUserAgent("userpools-custom-message/1").setMaxPoolSize(32));
        this.json = json;
        this.clock = clock;
        this.destinations = destinations;
        this.metrics = metrics;
        this.reflectVetoMessage = config.reflectVetoMessage();
    }

    /** True when the pool has a custom message webhook. */
    public static boolean configured(Pool pool) {
        PoolSettings.Triggers triggers = pool.settings().triggers();
        return triggers != null && triggers.customMessage() != null && triggers.customMessage().url() != null;
    }

    /**
     * Sends the event to the pool's webhook and answers the message texts it returned; a pool
     * without a webhook answers {@link CustomMessageEvent.Response#EMPTY} at once.
     *
     * @return a Uni that fails with {@code UserLambdaValidationException} (veto),
     *         {@code UnexpectedLambdaException} (no answer in time, connection failure, a
     *         destination the egress rule refuses, non-2xx without message) or
     *         {@code InvalidLambdaResponseException} (unusable or oversized answer)
     */
    public Uni<CustomMessageEvent.Response> invoke(Pool pool, CustomMessageEvent event) {
        if (!configured(pool)) {
            return Uni.createFrom().item(CustomMessageEvent.Response.EMPTY);
        }
        PoolSettings.CustomMessage hook = pool.settings().triggers().customMessage();
        int timeout = hook.timeoutMillis() == null ? DEFAULT_TIMEOUT_MILLIS : hook.timeoutMillis();
        String body;
        try {
            body = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("event not serialisable", e));
        }
        String id = "msg_" + UUID.randomUUID();
        long timestamp = clock.instant().getEpochSecond();
        String secret = secrets.secret(pool.id(), hook);
        if (secret == null) {
            return Uni.createFrom().<CustomMessageEvent.Response>failure(
                    new IllegalStateException("the webhook secret opens with no configured key"))
                    .onFailure().invoke(e -> metrics.triggerOutcome("failed"))
                    .onFailure().transform(e -> failure(pool, e));
        }
        return WebhookDestination.of(vertx, destinations, hook.url())
                .flatMap(destination -> Uni.createFrom().deferred(() -> destination.post(client)
                                .timeout(timeout)
                                .putHeader("content-type", "application/json")
                                .putHeader(WebhookSigner.ID_HEADER, id)
                                .putHeader(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp))
                                .putHeader(WebhookSigner.SIGNATURE_HEADER,
                                        WebhookSigner.sign(secret, id, timestamp, body))
                                .as(BodyCodec.newInstance(new CappedBodyCodec(MAX_ANSWER_BYTES)))
                                .sendBuffer(io.vertx.mutiny.core.buffer.Buffer.buffer(body)))
                        .onFailure(ConnectException.class).retry().atMost(2))
                .ifNoItem().after(Duration.ofMillis(timeout)).failWith(() -> new TimeoutLike())
                .map(response -> {
                    Object answer = response.body();
                    byte[] bytes = answer instanceof Buffer core ? core.getBytes()
                            : answer instanceof io.vertx.mutiny.core.buffer.Buffer wrapped ? wrapped.getBytes() : null;
                    int status = response.statusCode();
                    if (status < 200 || status > 299) {
                        LOG.warnf("custom message webhook of pool %s answered HTTP %d", pool.id(), status);
                    }
                    return CustomMessageAnswers.interpret(json, status, bytes, reflectVetoMessage);
                })
                .onItemOrFailure().invoke((response, e) -> metrics.triggerOutcome(outcome(e)))
                .onFailure(e -> !(e instanceof CognitoException)).transform(e -> failure(pool, e));
    }

    /** The word {@code userpools.trigger.calls} counts a call under that failed with e (null: it succeeded). */
    static String outcome(Throwable e) {
        if (e == null) {
            return "ok";
        }
        if (e instanceof UserLambdaValidationException) {
            return "vetoed";
        }
        if (e instanceof InvalidLambdaResponseException || e instanceof CappedBodyCodec.TooLarge) {
            return "invalid";
        }
        if (e instanceof WebhookDestinations.Refused) {
            return "refused";
        }
        return timedOut(e) ? "timeout" : "failed";
    }

    private static boolean timedOut(Throwable e) {
        return e instanceof TimeoutLike || e instanceof java.util.concurrent.TimeoutException
                || e instanceof io.netty.channel.ConnectTimeoutException;
    }

    /**
     * The Cognito error for a call that failed. Its text is fixed: it never names the address,
     * the reason for a refusal or anything the webhook answered; those go to the log.
     */
    private static CognitoException failure(Pool pool, Throwable e) {
        if (e instanceof CappedBodyCodec.TooLarge) {
            LOG.warnf("custom message webhook of pool %s answered more than %d bytes", pool.id(), MAX_ANSWER_BYTES);
            return new InvalidLambdaResponseException(CustomMessageAnswers.UNRECOGNIZABLE);
        }
        if (e instanceof WebhookDestinations.Refused refused) {
            LOG.warnf("custom message webhook of pool %s refused by the egress rule (userpools.webhooks.*): %s",
                    pool.id(), refused.getMessage());
        } else {
            LOG.warnf("custom message webhook of pool %s failed: %s", pool.id(), e.getClass().getSimpleName());
        }
        return new UnexpectedLambdaException(
                timedOut(e) ? CustomMessageAnswers.TIMED_OUT : CustomMessageAnswers.FAILED);
    }

    /** The overall time limit passed. */
    private static final class TimeoutLike extends RuntimeException {
        TimeoutLike() {
            super("timeout", null, false, false);
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
