package io.userpools.trigger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.net.SocketAddress;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.net.InetSocketAddress;

/**
 * Where one webhook call goes: the URL's parts and the address the egress rule checked
 * ({@link WebhookDestinations}). The call connects to that address; the Host header and TLS name
 * the URL's host, so a second resolution cannot swap in another address.
 */
public record WebhookDestination(WebhookDestinations.Target target, InetSocketAddress address) {

    /**
     * The URL's host resolved once, on a worker; the answer comes back on the caller's context.
     *
     * @return a Uni that fails with {@link WebhookDestinations.Refused} when the URL is unusable or
     *         the egress rule refuses it, or with {@code UnknownHostException}
     */
    public static Uni<WebhookDestination> of(Vertx vertx, WebhookDestinations destinations, String url) {
        return Uni.createFrom().deferred(() -> {
            WebhookDestinations.Target target = WebhookDestinations.Target.of(url);
            return vertx.executeBlocking(() -> new WebhookDestination(target, destinations.resolve(target)), false);
        });
    }

    /** A POST to the checked address. */
    public HttpRequest<Buffer> post(WebClient client) {
        return client.request(HttpMethod.POST, SocketAddress.inetSocketAddress(address),
                new RequestOptions().setHost(target.host()).setPort(target.port()).setSsl(target.ssl())
                        .setURI(target.uri()));
    }
}
