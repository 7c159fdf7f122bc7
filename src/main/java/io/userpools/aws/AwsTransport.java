package io.userpools.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.userpools.common.RequestIds;
import io.userpools.common.error.TransportProblems;
import io.userpools.common.validation.RequestTextFilter;
import io.userpools.common.validation.UnicodeText;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The AWS endpoint's answers to requests refused before {@link AwsResource} runs, which would
 * otherwise get the REST facade's problem+json (413, 415) that AWS clients cannot read: a body
 * whose Content-Length is over the size limit (refused before it is read, as
 * {@link TransportProblems} does elsewhere, and the connection closed), a Content-Type that is
 * no media type at all (which JAX-RS refuses while matching) and a query string that is not
 * well-formed UTF-8 or has a NUL (AWS clients send none). All are 400
 * {@code {"__type","message"}} like every other error of this protocol.
 */
@Singleton
public class AwsTransport {

    private final ObjectMapper json;
    private final Optional<MemorySize> maxBodySize;

    public AwsTransport(ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.json = json;
        this.maxBodySize = maxBodySize;
    }

    void install(@Observes Router router) {
        maxBodySize.ifPresent(limit -> router.post("/").order(TransportProblems.BODY_LIMIT_ORDER - 1)
                .handler(rc -> rejectLargeBody(rc, limit.asLongValue())));
    }

    private void rejectLargeBody(RoutingContext rc, long limit) {
        if (TransportProblems.isOver(rc.request().getHeader(HttpHeaders.CONTENT_LENGTH), limit)) {
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            AwsErrors.send(rc.response(), "InvalidParameterException", "Request body too large", json);
            return;
        }
        rc.next();
    }

    /**
     * Before matching, on {@code POST /}: a Content-Type that JAX-RS could not parse, and a query
     * string that the request text check ({@link RequestTextFilter}) would refuse as problem+json.
     */
    @ServerRequestFilter(preMatching = true)
    public Optional<Response> beforeMatching(HttpServerRequest request) {
        if (request.method() != HttpMethod.POST || !"/".equals(request.path())) {
            return Optional.empty();
        }
        String query = request.query();
        String defect = query == null ? null : UnicodeText.defectOfEncoded(query);
        if (defect != null) {
            return Optional.of(AwsErrors.response(400, "InvalidParameterException", "The query string " + defect,
                    json, RequestIds.of(request)));
        }
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null || type.isBlank()) {
            return Optional.empty();
        }
        try {
            MediaType.valueOf(type);
            return Optional.empty();
        } catch (IllegalArgumentException notAMediaType) {
            return Optional.of(AwsErrors.response(400, "SerializationException",
                    "The Content-Type header is not a media type", json, RequestIds.of(request)));
        }
    }
}
