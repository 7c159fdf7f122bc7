package io.userpools.common;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Gives every answer an {@code X-Request-Id}: the caller's when it sent a sane one, else a new one. */
@Singleton
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(RequestIds::assign);
    }

    static void assign(RoutingContext rc) {
        String id = rc.request().getHeader(HEADER);
        if (id == null || !SANE.matcher(id).matches()) {
            id = newId();
        }
        rc.response().putHeader(HEADER, id);
        rc.next();
    }

    /**
     * A random id in UUID form (version 4 layout). Request ids correlate log lines; they guard
     * nothing, so they come from the thread's fast generator rather than SecureRandom, which
     * {@link UUID#randomUUID()} uses and which costs more than the rest of this filter.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** The request id already assigned to this request's answer. */
    public static String of(HttpServerRequest request) {
        return request.response().headers().get(HEADER);
    }
}
