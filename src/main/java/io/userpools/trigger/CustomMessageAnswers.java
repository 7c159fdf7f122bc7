package io.userpools.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userpools.common.error.InvalidLambdaResponseException;
import io.userpools.common.error.UnexpectedLambdaException;
import io.userpools.common.error.UserLambdaValidationException;
import java.io.IOException;

/**
 * Reads a webhook answer the way Cognito reads a CustomMessage Lambda's output (API.md "Custom
 * message trigger", [2.1] "Messaging failures"). Pure: status and body in, response or exception out.
 * The exceptions' texts are fixed: nothing the webhook answered reaches the caller, except a
 * veto's message where configuration asks for Cognito's behaviour.
 */
public final class CustomMessageAnswers {

    public static final String UNRECOGNIZABLE = "Unrecognizable lambda output";
    /** A veto, when the webhook's own message is not passed on. */
    public static final String VETOED = "CustomMessage failed with error the webhook vetoed the message.";
    /** No usable answer: an error answer without a message, no connection, or a refused destination. */
    public static final String FAILED = "CustomMessage invocation failed due to error calling the webhook.";
    /** No answer in time. */
    public static final String TIMED_OUT =
            "CustomMessage invocation failed due to error Socket timeout while invoking Lambda function.";

    private CustomMessageAnswers() {
    }

    /**
     * The {@code response} part of a 2xx answer ({@link CustomMessageEvent.Response#EMPTY} for an
     * empty body), or the failure a non-2xx answer stands for.
     *
     * @param reflectVetoMessage answer a veto with the webhook's message (Cognito's text) rather
     *                           than {@link #VETOED}
     * @throws UserLambdaValidationException  non-2xx with {@code {"message": m}}: the trigger vetoed
     * @throws UnexpectedLambdaException      non-2xx without a message
     * @throws InvalidLambdaResponseException 2xx with a body that is not the event with a response
     */
    public static CustomMessageEvent.Response interpret(ObjectMapper json, int status, byte[] body,
            boolean reflectVetoMessage) {
        boolean empty = body == null || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank();
        if (status < 200 || status > 299) {
            String message = empty ? null : vetoMessage(json, body);
            if (message == null) {
                throw new UnexpectedLambdaException(FAILED);
            }
            throw new UserLambdaValidationException(
                    reflectVetoMessage ? "CustomMessage failed with error " + message + "." : VETOED);
        }
        if (empty) {
            return CustomMessageEvent.Response.EMPTY;
        }
        JsonNode root = parse(json, body);
        if (root == null || !root.isObject() || !root.has("response")) {
            throw new InvalidLambdaResponseException(UNRECOGNIZABLE);
        }
        JsonNode response = root.get("response");
        if (response.isNull()) {
            return CustomMessageEvent.Response.EMPTY;
        }
        if (!response.isObject()) {
            throw new InvalidLambdaResponseException(UNRECOGNIZABLE);
        }
        return new CustomMessageEvent.Response(text(response, "smsMessage"), text(response, "emailMessage"),
                text(response, "emailSubject"));
    }

    private static String vetoMessage(ObjectMapper json, byte[] body) {
        JsonNode root = parse(json, body);
        JsonNode message = root == null ? null : root.get("message");
        return message != null && message.isTextual() ? message.asText() : null;
    }

    private static String text(JsonNode response, String field) {
        JsonNode node = response.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidLambdaResponseException(UNRECOGNIZABLE);
        }
        return node.asText();
    }

    private static JsonNode parse(ObjectMapper json, byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
