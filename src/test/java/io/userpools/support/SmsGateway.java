package io.userpools.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The test SMS gateway: records each {@code {to, message}} with its Authorization header. */
public final class SmsGateway {

    /** One SMS the gateway accepted. */
    public record Sms(String to, String message, String authorization) {
        public String code() {
            Matcher m = Pattern.compile("\\b([0-9]{6})\\b").matcher(message);
            if (!m.find()) {
                throw new AssertionError("no code in SMS: " + message);
            }
            return m.group(1);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Sms> RECEIVED = new CopyOnWriteArrayList<>();
    /** How many of the next calls answer 503 (to exercise retries). */
    public static final AtomicInteger FAILURES_TO_COME = new AtomicInteger();
    /** Numbers for which every call answers 503. */
    public static final Set<String> FAILING = ConcurrentHashMap.newKeySet();
    /** Numbers for which a call waits this many milliseconds before answering 202 (and records nothing). */
    public static final Map<String, Long> HANGING = new ConcurrentHashMap<>();
    /** Calls per number, whatever they were answered. */
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    private SmsGateway() {
    }

    static void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String to = JSON.readTree(body).path("to").asText();
        CALLS.computeIfAbsent(to, key -> new AtomicInteger()).incrementAndGet();
        Long hang = HANGING.get(to);
        if (hang != null) {
            Mailbox.sleep(hang);
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
            return;
        }
        if (FAILING.contains(to) || FAILURES_TO_COME.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
        }
        JsonNode json = JSON.readTree(body);
        RECEIVED.add(new Sms(json.path("to").asText(), json.path("message").asText(),
                exchange.getRequestHeaders().getFirst("Authorization")));
        exchange.sendResponseHeaders(202, -1);
        exchange.close();
    }

    /** How many calls the gateway had for the number, answered or not. */
    public static int calls(String phone) {
        AtomicInteger calls = CALLS.get(phone);
        return calls == null ? 0 : calls.get();
    }

    public static List<Sms> to(String phone) {
        return RECEIVED.stream().filter(s -> s.to().equals(phone)).toList();
    }

    /** Waits (up to 15 s) until {@code count} SMS arrived for the number and answers the last. */
    public static Sms await(String phone, int count) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            List<Sms> messages = to(phone);
            if (messages.size() >= count) {
                return messages.get(count - 1);
            }
            Mailbox.sleep(50);
        }
        throw new AssertionError("expected " + count + " SMS for " + phone + ", got " + to(phone).size());
    }
}
