package io.userpools.event;

import com.sun.net.httpserver.HttpServer;
import io.userpools.support.WebhookAnswers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A subscriber's HTTP endpoint in the test JVM: records every delivery and answers as told. */
public final class Subscriber implements AutoCloseable {

    /** One request received, with the status it was answered. */
    public record Received(String id, String timestamp, String signature, String body, int status) {
    }

    private final HttpServer server;
    public final List<Received> received = new CopyOnWriteArrayList<>();
    public volatile Function<String, Integer> answer = body -> 204;

    public Subscriber() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = answer.apply(body);
            received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body, status));
            WebhookAnswers.send(exchange, status, "");
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The ids of the deliveries answered 2xx, in the order they were received. */
    public List<String> acknowledged() {
        return received.stream().filter(r -> r.status() >= 200 && r.status() <= 299).map(Received::id).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
