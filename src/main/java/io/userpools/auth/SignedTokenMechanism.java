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
 * Authenticates self-service callers by their access token like {@link AccessTokenMechanism}, but
 * with only the checks that need no user state ({@link AccessTokenVerifier#verifySigned}): for
 * routes whose statements carry the state conditions themselves ({@link GuardedCalls}), selected
 * with {@code @HttpAuthenticationMechanism(Callers.SIGNED_TOKEN)}. The signed token travels on
 * the identity, for {@link SelfCaller#guarded}.
 */
@Singleton
public class SignedTokenMechanism extends BearerMechanism {

    public SignedTokenMechanism() {
        super(Callers.SIGNED_TOKEN, SignedTokenRequest.class);
    }

    @Override
    AuthenticationRequest request(String authorization, String token) {
        return new SignedTokenRequest(authorization);
    }

    /** A presented {@code Authorization} header with a bearer token. */
    public static final class SignedTokenRequest extends BaseAuthenticationRequest {
        private final String authorization;

        SignedTokenRequest(String authorization) {
            this.authorization = authorization;
        }
    }

    /** Verifies the token's signature and claims; the identity's principal is the user's {@code sub}. */
    @Singleton
    public static class Provider implements IdentityProvider<SignedTokenRequest> {

        private final AccessTokenVerifier verifier;

        public Provider(AccessTokenVerifier verifier) {
            this.verifier = verifier;
        }

        @Override
        public Class<SignedTokenRequest> getRequestType() {
            return SignedTokenRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(SignedTokenRequest request, AuthenticationRequestContext context) {
            return verifier.verifySigned(request.authorization)
                    .<SecurityIdentity>map(token -> QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal(token.sub().toString()))
                            .addRole(Callers.USER)
                            .addAttribute(Callers.SIGNED_TOKEN_ATTRIBUTE, token)
                            .build())
                    .onFailure(CognitoException.class).transform(AuthenticationFailedException::new);
        }
    }
}
