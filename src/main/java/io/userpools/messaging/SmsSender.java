package io.userpools.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

/**
 * Sends SMS through the configured HTTP gateway: {@code POST <gateway-url>} with
 * {@code {"to", "message"}} and {@code Authorization: Bearer <gateway-token>}; any 2xx is success.
 * The gateway is deployment configuration ({@link SmsConfig}), which no API sets, so its calls do
 * not pass the webhook egress rule: it may be an internal service.
 */
@Singleton
public class SmsSender {

    /** The gateway refused or failed; the text holds only the status. */
    public static final class GatewayFailure extends RuntimeException {
        GatewayFailure(String message) {
            super(message, null, false, false);
        }
    }

    private final WebClient client;
    private final SmsConfig config;

    public SmsSender(Vertx vertx, SmsConfig config) {
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setUserAgent("userpools-sms/1"));
        this.config = config;
    }

    public Uni<Void> send(OutboxMessage message) {
        String url = config.gatewayUrl().orElseThrow(() -> new GatewayFailure("no SMS gateway configured"));
        var request = client.postAbs(url).timeout(config.timeout().toMillis());
        config.gatewayToken().ifPresent(token -> request.bearerTokenAuthentication(token));
        return request.sendJsonObject(new JsonObject().put("to", message.to()).put("message", message.body()))
                .map(response -> {
                    if (response.statusCode() / 100 != 2) {
                        throw new GatewayFailure("SMS gateway answered HTTP " + response.statusCode());
                    }
                    return null;
                }).replaceWithVoid();
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
