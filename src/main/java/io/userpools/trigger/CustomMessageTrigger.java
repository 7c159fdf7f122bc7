package io.userpools.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.userpools.common.error.CognitoException;
import io.userpools.common.error.InvalidLambdaResponseException;
import io.userpools.common.error.UnexpectedLambdaException;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolSettings;
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
 * Lambda; a timeout is not retried. The event's client metadata is never logged.
 */
@Singleton
public class CustomMessageTrigger {

    public static final int DEFAULT_TIMEOUT_MILLIS = 5000;
    public static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final Logger LOG = Logger.getLogger(CustomMessageTrigger.class);

    private final WebClient client;
    private final ObjectMapper json;
    private final Clock clock;

    public CustomMessageTrigger(Vertx vertx, ObjectMapper json, Clock clock) {
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setUserAgent("userpools-custom-message/1").setMaxPoolSize(32));
        this.json = json;
        this.clock = clock;
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
     *         {@code UnexpectedLambdaException} (no answer in time, connection failure, non-2xx
     *         without message) or {@code InvalidLambdaResponseException} (unusable or oversized answer)
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
        String secret = hook.secret() == null ? "" : hook.secret();
        return Uni.createFrom().deferred(() -> client.postAbs(hook.url())
                        .timeout(timeout)
                        .putHeader("content-type", "application/json")
                        .putHeader(WebhookSigner.ID_HEADER, id)
                        .putHeader(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp))
                        .putHeader(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.sign(secret, id, timestamp, body))
                        .as(BodyCodec.newInstance(new CappedBodyCodec(MAX_ANSWER_BYTES)))
                        .sendBuffer(io.vertx.mutiny.core.buffer.Buffer.buffer(body)))
                .onFailure(ConnectException.class).retry().atMost(2)
                .ifNoItem().after(Duration.ofMillis(timeout)).failWith(() -> new TimeoutLike())
                .map(response -> {
                    Object answer = response.body();
                    byte[] bytes = answer instanceof Buffer core ? core.getBytes()
                            : answer instanceof io.vertx.mutiny.core.buffer.Buffer wrapped ? wrapped.getBytes() : null;
                    return CustomMessageAnswers.interpret(json, response.statusCode(), bytes);
                })
                .onFailure(e -> !(e instanceof CognitoException)).transform(e -> failure(pool, e));
    }

    private static CognitoException failure(Pool pool, Throwable e) {
        if (e instanceof CappedBodyCodec.TooLarge) {
            return new InvalidLambdaResponseException(CustomMessageAnswers.UNRECOGNIZABLE);
        }
        boolean timedOut = e instanceof TimeoutLike || e instanceof java.util.concurrent.TimeoutException
                || e instanceof io.netty.channel.ConnectTimeoutException;
        LOG.warnf("custom message webhook of pool %s failed: %s", pool.id(), e.getClass().getSimpleName());
        return new UnexpectedLambdaException("CustomMessage invocation failed due to error "
                + (timedOut ? "Socket timeout while invoking Lambda function." : "connecting to the webhook."));
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
