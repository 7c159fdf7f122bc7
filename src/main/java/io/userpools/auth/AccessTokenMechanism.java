package io.userpools.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.userpools.common.error.CognitoException;
import jakarta.inject.Singleton;

/**
 * Authenticates self-service callers by their access token ({@code Authorization: Bearer <jwt>}),
 * with every check of {@link AccessTokenVerifier} in Cognito's order. Runs only on routes that
 * select it with {@code @HttpAuthenticationMechanism(Callers.ACCESS_TOKEN)}. The verified token
 * (pool, client, user, session) travels on the identity, for {@link SelfCaller}; the token is
 * verified once per request.
 */
@Singleton
public class AccessTokenMechanism extends BearerMechanism {

    public AccessTokenMechanism() {
        super(Callers.ACCESS_TOKEN, AccessTokenRequest.class);
    }

    @Override
    AuthenticationRequest request(String authorization, String token) {
        return new AccessTokenRequest(authorization);
    }

    /** A presented {@code Authorization} header with a bearer token. */
    public static final class AccessTokenRequest extends BaseAuthenticationRequest {
        private final String authorization;

        AccessTokenRequest(String authorization) {
            this.authorization = authorization;
        }
    }

    /** Verifies the token; the identity's principal is the user's {@code sub}. */
    @Singleton
    public static class Provider implements IdentityProvider<AccessTokenRequest> {

        private final AccessTokenVerifier verifier;

        public Provider(AccessTokenVerifier verifier) {
            this.verifier = verifier;
        }

        @Override
        public Class<AccessTokenRequest> getRequestType() {
            return AccessTokenRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(AccessTokenRequest request, AuthenticationRequestContext context) {
            return verifier.verify(request.authorization)
                    .<SecurityIdentity>map(access -> QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal(access.user().sub().toString()))
                            .addRole(Callers.USER)
                            .addAttribute(Callers.ACCESS_CONTEXT, access)
                            .build())
                    // the Cognito error (expired, revoked, user gone, disabled, ...) rides as the cause
                    .onFailure(CognitoException.class).transform(AuthenticationFailedException::new);
        }
    }
}
