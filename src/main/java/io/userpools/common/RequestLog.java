package io.userpools.common;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * One log line and one timer sample per answered request, written when the answer ends (also for
 * answers given before any resource ran, such as a 401 or a 429). The line is key=value:
 * <pre>request id=6f1c2a9e-... op=adminUpdateUserAttributes pool=us-east-1_AbC123xyz method=PATCH status=200 duration_ms=3.1</pre>
 * It names the operation, never the path (paths hold usernames and aliases), and nothing of the
 * body, headers or query: no attribute values, client metadata, codes, passwords or tokens.
 * Quarkus' own endpoints under {@code /q/} (probes, metrics) are neither logged nor timed.
 */
@Singleton
public class RequestLog {

    static final String OPERATION = "userpools.operation";
    static final String POOL = "userpools.pool";
    private static final Logger LOG = Logger.getLogger("io.userpools.access");

    private final Metrics metrics;

    public RequestLog(Metrics metrics) {
        this.metrics = metrics;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::watch);
    }

    void watch(RoutingContext rc) {
        if (rc.normalizedPath().startsWith("/q/")) {
            rc.next();
            return;
        }
        long start = System.nanoTime();
        rc.addEndHandler(ignored -> done(rc, System.nanoTime() - start));
        rc.next();
    }

    private void done(RoutingContext rc, long nanos) {
        String operation = rc.get(OPERATION);
        String pool = rc.get(POOL);
        int status = rc.response().getStatusCode();
        metrics.request(operation == null ? "unmatched" : operation, status, nanos);
        if (LOG.isInfoEnabled()) {
            // built by hand: this runs for every request, and format strings cost more than the rest
            long tenths = (nanos + 50_000) / 100_000;
            StringBuilder line = new StringBuilder(160).append("request id=")
                    .append(rc.response().headers().get(RequestIds.HEADER))
                    .append(" op=").append(operation == null ? "-" : operation)
                    .append(" pool=").append(pool == null ? "-" : pool)
                    .append(" method=").append(rc.request().method().name())
                    .append(" status=").append(status)
                    .append(" duration_ms=").append(tenths / 10).append('.').append(tenths % 10);
            LOG.info(line);
        }
    }

    /** The operation the request was named after, null when it matched no resource (yet). */
    public static String operation(RoutingContext rc) {
        return rc.get(OPERATION);
    }

    /** Names the request for the log line and the metrics: its Cognito operation and pool. */
    public static void name(RoutingContext rc, String operation, String poolId) {
        rc.put(OPERATION, operation);
        if (poolId != null) {
            rc.put(POOL, poolId);
        }
    }
}
