package io.userpools.userimport;

import io.userpools.common.error.TransportProblems;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The size limit of the two routes that take an import file, which is the import's own
 * ({@code userpools.import.max-upload-size}) rather than {@code quarkus.http.limits.max-body-size}:
 * Quarkus has one limit for every route, checked against Content-Length before any route runs
 * ({@link TransportProblems} and Quarkus' own handler) and again while the body is read. Here,
 * before both, a file over the import limit is refused at once; a smaller one goes on with its
 * Content-Length moved aside (the framing is already decoded), and, after them, the stream's limit
 * is set to (just over) the import's. Authentication stays with the routes' declarations.
 */
@Singleton
public class ImportUploadLimits {

    /** The limit Quarkus' request stream reads from the routing context. */
    private static final String STREAM_LIMIT = "io.quarkus.max-request-size";
    private static final String REST_PATH = "/pools/[^/]+/user-import-jobs";
    private static final String UPLOAD_PATH = "/user-import-uploads/[^/]+/[^/]+";

    private final ImportConfig config;

    public ImportUploadLimits(ImportConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        long limit = config.maxUploadSize().asLongValue();
        router.routeWithRegex(HttpMethod.POST, REST_PATH).order(TransportProblems.BODY_LIMIT_ORDER - 2)
                .handler(rc -> before(rc, limit));
        router.routeWithRegex(HttpMethod.PUT, UPLOAD_PATH).order(TransportProblems.BODY_LIMIT_ORDER - 2)
                .handler(rc -> before(rc, limit));
        router.routeWithRegex(HttpMethod.POST, REST_PATH).order(-1).handler(rc -> after(rc, limit));
        router.routeWithRegex(HttpMethod.PUT, UPLOAD_PATH).order(-1).handler(rc -> after(rc, limit));
    }

    private static void before(RoutingContext rc, long limit) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (TransportProblems.isOver(length, limit)) {
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            rc.fail(413);
            return;
        }
        if (length != null) {
            rc.request().headers().remove(HttpHeaders.CONTENT_LENGTH);
        }
        // an answer given before the body was read (no or a wrong credential, an unknown pool or
        // job, a refused file) closes the connection: the rest of up to the limit is not drained,
        // and a client still sending is not left waiting
        // (HTTP/1 only: an HTTP/2 stream has its own flow control and shares its connection)
        if (rc.request().version() != HttpVersion.HTTP_2) {
            rc.addHeadersEndHandler(v -> {
                if (!rc.request().isEnded()) {
                    rc.response().putHeader(HttpHeaders.CONNECTION, "close");
                }
            });
            rc.addEndHandler(ended -> {
                if (!rc.request().isEnded()) {
                    rc.request().connection().close();
                }
            });
        }
        rc.next();
    }

    private static void after(RoutingContext rc, long limit) {
        // a MiB of slack: the upload counts the bytes itself and answers 413 with the import's text
        rc.put(STREAM_LIMIT, limit + (1 << 20));
        rc.next();
    }
}
