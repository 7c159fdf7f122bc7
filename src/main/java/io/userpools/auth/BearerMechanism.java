package io.userpools.auth;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;

/**
 * A credential in {@code Authorization: Bearer ...}, under a scheme name of its own so that a route
 * selects exactly one kind ({@code @HttpAuthenticationMechanism(Callers.ADMIN_KEY)} or
 * {@code (Callers.ACCESS_TOKEN)}). Without a bearer credential the request stays anonymous, and the
 * route's {@code @RolesAllowed} refuses it; a presented one goes to the identity provider of its
 * request type, which fails with the Cognito error.
 */
abstract class BearerMechanism implements HttpAuthenticationMechanism {

    private final String scheme;
    private final Class<? extends AuthenticationRequest> requestType;

    BearerMechanism(String scheme, Class<? extends AuthenticationRequest> requestType) {
        this.scheme = scheme;
        this.requestType = requestType;
    }

    /** The authentication request for a presented {@code Authorization} header with a bearer token. */
    abstract AuthenticationRequest request(String authorization, String token);

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        String token = Bearer.token(header);
        if (token == null) {
            return Uni.createFrom().optional(Optional.empty());
        }
        return identities.authenticate(request(header, token));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(requestType);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION,
                "bearer", scheme));
    }
}
