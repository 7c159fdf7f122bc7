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
import io.userpools.common.error.NotAuthorizedException;
import jakarta.inject.Singleton;

/**
 * Authenticates admin (developer) callers: {@code Authorization: Bearer <admin secret>}, checked
 * against the configured access keys in constant time. Runs only on routes that select it with
 * {@code @HttpAuthenticationMechanism(Callers.ADMIN_KEY)}; a request without the header stays
 * anonymous (and {@code @RolesAllowed(Callers.ADMIN)} refuses it), a wrong key fails.
 */
@Singleton
public class AdminKeyMechanism extends BearerMechanism {

    static final String INVALID = "The admin credentials are not valid";

    public AdminKeyMechanism() {
        super(Callers.ADMIN_KEY, AdminKeyRequest.class);
    }

    @Override
    AuthenticationRequest request(String authorization, String token) {
        return new AdminKeyRequest(token);
    }

    /** A presented admin secret. */
    public static final class AdminKeyRequest extends BaseAuthenticationRequest {
        private final String secret;

        AdminKeyRequest(String secret) {
            this.secret = secret;
        }
    }

    /** Turns a presented secret into the identity of its key (principal = the key's id), or fails. */
    @Singleton
    public static class Provider implements IdentityProvider<AdminKeyRequest> {

        private final AdminCredentials credentials;

        public Provider(AdminCredentials credentials) {
            this.credentials = credentials;
        }

        @Override
        public Class<AdminKeyRequest> getRequestType() {
            return AdminKeyRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(AdminKeyRequest request, AuthenticationRequestContext context) {
            return credentials.match(request.secret)
                    .map(key -> Uni.createFrom().<SecurityIdentity>item(QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal(key.id()))
                            .addRole(Callers.ADMIN)
                            .build()))
                    .orElseGet(() -> Uni.createFrom().failure(
                            new AuthenticationFailedException(new NotAuthorizedException(INVALID))));
        }
    }
}
