package io.userpools.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.userpools.common.RequestIds;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Problem+json for the mistakes that never reach a resource: a body over the size limit (Vert.x
 * would answer a bare 413), a path that no route serves (404), a method that the route does not
 * take (405), any other 4xx that a Vert.x handler fails a request with, and a refused
 * {@code /q/metrics} (the challenge of auth/MetricsKeyMechanism). Every such answer carries the
 * request id, like those of {@link ProblemMapper}.
 */
@Singleton
public class TransportProblems {

    /** Just after {@link RequestIds} and before Quarkus's own upload limit (order -2). */
    public static final int BODY_LIMIT_ORDER = -3;

    private final ObjectMapper json;
    private final Optional<MemorySize> maxBodySize;

    public TransportProblems(ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.json = json;
        this.maxBodySize = maxBodySize;
    }

    void install(@Observes Router router) {
        maxBodySize.ifPresent(limit -> router.route().order(BODY_LIMIT_ORDER)
                .handler(rc -> rejectLargeBody(rc, limit.asLongValue())));
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
        router.errorHandler(404, rc -> send(rc, new ResourceNotFoundException("No resource at " + rc.request().path())));
        router.errorHandler(405, rc -> send(rc, notAllowed(rc)));
        router.errorHandler(413, rc -> send(rc, tooLarge()));
    }

    private void rejectLargeBody(RoutingContext rc, long limit) {
        if (isOver(rc.request().getHeader(HttpHeaders.CONTENT_LENGTH), limit)) {
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            send(rc, tooLarge());
            return;
        }
        rc.next();
    }

    /** Whether a Content-Length header announces more than {@code limit} bytes (an unreadable one does not). */
    public static boolean isOver(String contentLength, long limit) {
        if (contentLength == null) {
            return false;
        }
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Client mistakes reported by Vert.x handlers as a bare status; everything else goes on. */
    private void failed(RoutingContext rc) {
        int status = rc.failure() instanceof HttpException http ? http.getStatusCode() : rc.statusCode();
        boolean bareStatus = rc.failure() == null || rc.failure() instanceof HttpException;
        if (!bareStatus || status < 400 || status >= 500 || rc.response().ended()) {
            rc.next();
            return;
        }
        send(rc, switch (status) {
            case 404 -> new ResourceNotFoundException("No resource at " + rc.request().path());
            case 405 -> notAllowed(rc);
            case 413 -> tooLarge();
            case 415 -> new InvalidParameterException(415, "Unsupported media type: send application/json");
            default -> new InvalidParameterException(status, "Invalid request");
        });
    }

    private static InvalidParameterException notAllowed(RoutingContext rc) {
        return new InvalidParameterException(405,
                "Method " + rc.request().method() + " is not allowed on " + rc.request().path());
    }

    private static InvalidParameterException tooLarge() {
        return new InvalidParameterException(413, "Request body too large");
    }

    /**
     * Ends the answer with {@code e} as problem+json (with {@code WWW-Authenticate: Bearer} on a 401),
     * unless it has begun already.
     */
    public void send(RoutingContext rc, CognitoException e) {
        HttpServerResponse response = rc.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        String requestId = RequestIds.of(rc.request());
        if (requestId == null) {
            requestId = UUID.randomUUID().toString();
            response.putHeader(RequestIds.HEADER, requestId);
        }
        Problem problem = Problem.of(e.code(), e.status(), e.getMessage(), requestId, List.of());
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException impossible) {
            body = "{\"code\":\"" + e.code() + "\",\"status\":" + e.status() + "}";
        }
        if (e.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        response.setStatusCode(e.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
    }
}
