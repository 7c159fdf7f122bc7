package io.userpools.auth;

import io.quarkus.security.identity.SecurityIdentity;
import io.userpools.auth.AccessTokenVerifier.AccessContext;

/**
 * Who may call a route, as the routes declare it: the roles of {@code @RolesAllowed} and the
 * names of the two authentication mechanisms that {@code @HttpAuthenticationMechanism} selects.
 * An admin route names {@link #ADMIN_KEY} and {@link #ADMIN}; a self-service route names
 * {@link #ACCESS_TOKEN} and {@link #USER}; a public route says {@code @PermitAll}. A route that
 * says nothing is closed ({@code quarkus.security.jaxrs.deny-unannotated-endpoints}).
 */
public final class Callers {

    /** The role of a caller that presented a configured admin access key. */
    public static final String ADMIN = "admin";
    /** The role of a caller that presented a configured metrics access key: {@code /q/metrics} only. */
    public static final String METRICS = "metrics";
    /** The role of a caller that presented a valid access token of a user. */
    public static final String USER = "user";
    /** The mechanism that checks admin access keys ({@link AdminKeyMechanism}). */
    public static final String ADMIN_KEY = "admin-key";
    /** The mechanism of {@code /q/metrics}: admin or metrics access keys ({@link MetricsKeyMechanism}). */
    public static final String METRICS_KEY = "metrics-key";
    /** The mechanism that checks users' access tokens ({@link AccessTokenMechanism}). */
    public static final String ACCESS_TOKEN = "access-token";

    /**
     * The mechanism that checks users' access tokens without their state ({@link SignedTokenMechanism}),
     * for self-service routes whose statements check the state ({@link GuardedCalls}).
     */
    public static final String SIGNED_TOKEN = "signed-token";

    static final String ACCESS_CONTEXT = "userpools.access-context";
    static final String SIGNED_TOKEN_ATTRIBUTE = "userpools.signed-token";

    private Callers() {
    }

    /** The verified token of a self-service call: its pool, client, user and session. */
    static AccessContext self(SecurityIdentity identity) {
        AccessContext context = identity.getAttribute(ACCESS_CONTEXT);
        if (context == null) {
            // only reachable if a self-service route forgot its @RolesAllowed(USER)
            throw new IllegalStateException("no verified access token on this request");
        }
        return context;
    }

    /** The signed token of a self-service call whose statements check the token's state. */
    static SignedToken signed(SecurityIdentity identity) {
        SignedToken token = identity.getAttribute(SIGNED_TOKEN_ATTRIBUTE);
        if (token == null) {
            // only reachable if a route selected another mechanism
            throw new IllegalStateException("no signed access token on this request");
        }
        return token;
    }
}
