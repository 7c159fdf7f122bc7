package io.userpools.common.validation;

import io.userpools.common.error.InvalidParameterException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Path segments and query parameters must decode to well-formed UTF-8 without NUL
 * ({@link UnicodeText#defectOfEncoded}); else 400 InvalidParameterException and the operation does
 * not run. JAX-RS would decode a bad byte to U+FFFD and hand NUL on to PostgreSQL, which refuses
 * it, so the check reads the request target as it came. One check for every route and parameter:
 * after matching (so after the route's own authentication checks) and before the body is read.
 */
public class RequestTextFilter {

    /** Before the rate limit (Priorities.USER), which may read the pool's limits from the database. */
    @ServerRequestFilter(priority = Priorities.USER - 100)
    public void check(HttpServerRequest request) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        String defect = UnicodeText.defectOfEncoded(query < 0 ? uri : uri.substring(0, query));
        if (defect != null) {
            throw new InvalidParameterException("The request path " + defect);
        }
        defect = query < 0 ? null : UnicodeText.defectOfEncoded(uri.substring(query + 1));
        if (defect != null) {
            throw new InvalidParameterException("The query string " + defect);
        }
    }
}
