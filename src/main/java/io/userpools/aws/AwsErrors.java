package io.userpools.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userpools.common.RequestIds;
import io.userpools.common.error.CognitoException;
import io.userpools.common.error.DatabaseFailures;
import io.userpools.common.error.InternalErrorException;
import io.userpools.common.error.ServiceUnavailableException;
import io.userpools.common.validation.InvalidTextException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

/**
 * Failures as Cognito's JSON 1.1 protocol sends them: {@code {"__type":"<Name>","message":"..."}}
 * with the {@code x-amzn-ErrorType} header. Every modelled error is HTTP 400 (the REST facade's
 * 401, 404, 409, 412 and 429 never appear here: SDKs would retry or misread them); only
 * {@code InternalErrorException} is 500, which is also what a database outage becomes.
 */
final class AwsErrors {

    private static final Logger LOG = Logger.getLogger(AwsErrors.class);
    static final String ERROR_TYPE = "x-amzn-ErrorType";

    private AwsErrors() {
    }

    static Response of(Throwable e, ObjectMapper json, String requestId) {
        if (e instanceof AwsProtocolException p) {
            return response(400, p.type(), p.getMessage(), json, requestId);
        }
        if (e instanceof InvalidTextException t) {
            return response(400, "InvalidParameterException", t.getMessage(), json, requestId);
        }
        if (e instanceof ServiceUnavailableException || DatabaseFailures.isUnavailable(e)) {
            return response(500, "InternalErrorException", "An internal error occurred.", json, requestId);
        }
        if (e instanceof InternalErrorException i) {
            return response(500, i.code(), i.getMessage(), json, requestId);
        }
        if (e instanceof CognitoException c) {
            return response(400, c.code(), c.getMessage(), json, requestId);
        }
        LOG.errorf(e, "Unexpected failure for request %s", requestId);
        return response(500, "InternalErrorException", "An internal error occurred.", json, requestId);
    }

    static Response response(int status, String type, String message, ObjectMapper json, String requestId) {
        return AwsResource.answer(Response.status(status), body(type, message, json), json, requestId)
                .header(ERROR_TYPE, type).build();
    }

    /** The same answer written on the Vert.x response, for refusals made before JAX-RS (400 only). */
    static void send(HttpServerResponse response, String type, String message, ObjectMapper json) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body(type, message, json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
        String requestId = response.headers().get(RequestIds.HEADER);
        response.setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, AwsResource.MEDIA_TYPE)
                .putHeader(ERROR_TYPE, type).putHeader(AwsResource.REQUEST_ID, requestId == null ? "" : requestId)
                .end(Buffer.buffer(bytes));
    }

    private static ObjectNode body(String type, String message, ObjectMapper json) {
        ObjectNode body = json.createObjectNode().put("__type", type);
        if (message != null) {
            body.put("message", message);
        }
        return body;
    }
}
