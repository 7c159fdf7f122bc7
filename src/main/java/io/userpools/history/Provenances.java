package io.userpools.history;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.userpools.auth.Callers;
import io.userpools.common.RequestIds;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

/**
 * The {@link Provenance} of the request being served: its request id (the {@code X-Request-Id} the
 * access log prints) and, for admin calls, the id of the access key presented (bearer key, or
 * SigV4 signature on the AWS endpoint). Call it on the
 * request's thread, before any asynchronous step (as {@code CallerRateLimit} does); outside a
 * request the request id and key id are null.
 */
@Singleton
public class Provenances {

    private static final String SIGNED_BY = "userpools.signed-by";

    private final CurrentVertxRequest current;

    public Provenances(CurrentVertxRequest current) {
        this.current = current;
    }

    /** An admin operation: the actor is the access key of the request. */
    public Provenance admin(String operation) {
        RoutingContext rc = request();
        String keyId = null;
        if (rc != null && rc.user() instanceof QuarkusHttpUser user) {
            SecurityIdentity identity = user.getSecurityIdentity();
            if (identity != null && identity.hasRole(Callers.ADMIN)) {
                keyId = identity.getPrincipal().getName();
            }
        }
        if (keyId == null && rc != null) {
            keyId = rc.get(SIGNED_BY);
        }
        return new Provenance(operation, requestId(rc), Actor.admin(keyId));
    }

    /**
     * Records the admin access key whose SigV4 signature the AWS endpoint verified for this
     * request (that endpoint authenticates in the dispatcher, not through a Quarkus mechanism).
     */
    public static void signedBy(RoutingContext rc, String keyId) {
        rc.put(SIGNED_BY, keyId);
    }

    /** A self-service or client-id operation: the user itself through {@code clientId}. */
    public Provenance user(String operation, String clientId) {
        return new Provenance(operation, requestId(request()), Actor.user(clientId));
    }

    /** A change the service makes on its own account within the current request. */
    public Provenance service(String operation, String reason) {
        return new Provenance(operation, requestId(request()), Actor.service(reason));
    }

    private RoutingContext request() {
        try {
            return current.getCurrent();
        } catch (RuntimeException noRequestContext) {
            return null;
        }
    }

    private static String requestId(RoutingContext rc) {
        return rc == null ? null : RequestIds.of(rc.request());
    }
}
