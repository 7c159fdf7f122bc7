package io.userpools.common;

import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Names every matched request after its resource method, which by convention is the operationId,
 * the Cognito operation in camelCase; the pool comes from the {@code poolId} path parameter when
 * it looks like a pool id.
 */
@Singleton
public class OperationNames {

    private static final Pattern POOL_ID = Pattern.compile("[\\w-]{1,40}_[0-9a-zA-Z]{1,14}");

    /** The Cognito operation of a matched request. */
    public static String operation(SimpleResourceInfo resource) {
        return resource.getMethodName();
    }

    /** The request's pool id, or null when the path has none or it cannot be one. */
    public static String poolId(ContainerRequestContext request) {
        // the request context reads one path parameter directly; UriInfo would build a map of all
        String poolId = request instanceof ResteasyReactiveContainerRequestContext container
                && container.getServerRequestContext() instanceof ResteasyReactiveRequestContext context
                        ? context.getPathParameter("poolId", false)
                        : request.getUriInfo().getPathParameters().getFirst("poolId");
        return poolId != null && POOL_ID.matcher(poolId).matches() ? poolId : null;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 100)
    public void name(ContainerRequestContext request, SimpleResourceInfo resource, RoutingContext rc) {
        RequestLog.name(rc, operation(resource), poolId(request));
    }
}
