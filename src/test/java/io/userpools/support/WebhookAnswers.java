package io.userpools.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** What a test's custom message webhook answers: the event with texts filled in, sent as JSON. */
public final class WebhookAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookAnswers() {
    }

    /** The event with its {@code response} set to these email texts (and no SMS text). */
    public static String withResponse(String event, String emailMessage, String subject) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(event);
        ObjectNode response = root.putObject("response");
        response.put("emailMessage", emailMessage);
        response.put("emailSubject", subject);
        response.putNull("smsMessage");
        return JSON.writeValueAsString(root);
    }

    /** Answers the exchange with this status and JSON body (none when empty), and closes it. */
    public static void send(HttpExchange exchange, int status, String answer) throws IOException {
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
