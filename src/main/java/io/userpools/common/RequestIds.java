package io.userpools.common;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.UUID;
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
            id = UUID.randomUUID().toString();
        }
        rc.response().putHeader(HEADER, id);
        rc.next();
    }

    /** The request id already assigned to this request's answer. */
    public static String of(HttpServerRequest request) {
        return request.response().headers().get(HEADER);
    }
}
