package io.userpools.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.userpools.auth.AdminCredentials.AccessKey;
import io.userpools.common.error.CognitoException;
import io.userpools.common.error.NotAuthorizedException;
import io.userpools.common.error.TransportProblems;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Authenticates the scrapers of {@code /q/metrics}: {@code Authorization: Bearer <secret>} of a
 * metrics key (role {@link Callers#METRICS}) or of an admin key (role {@link Callers#ADMIN}).
 * Only {@code /q/metrics} selects it ({@code quarkus.http.auth.permission.metrics.auth-mechanism});
 * the admin routes keep {@link AdminKeyMechanism}, which knows no metrics key.
 *
 * <p>{@code /q/metrics} is no JAX-RS route, so the exception mappers of the API never see its
 * refusals: this mechanism's challenge answers them itself, with the same problem+json 401
 * ({@code NotAuthorizedException}) as the rest of the service rather than Quarkus' bare 401.
 */
@Singleton
public class MetricsKeyMechanism extends BearerMechanism {

    static final String INVALID = "The metrics credentials are not valid";
    static final String MISSING = "Missing credentials: send Authorization: Bearer <metrics or admin secret>";

    private final TransportProblems problems;

    public MetricsKeyMechanism(TransportProblems problems) {
        super(Callers.METRICS_KEY, MetricsKeyRequest.class);
        this.problems = problems;
    }

    @Override
    AuthenticationRequest request(String authorization, String token) {
        return new MetricsKeyRequest(token);
    }

    /** Answers 401 as problem+json: the failed check's error, or missing credentials. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        problems.send(context, refusal(HttpSecurityUtils.getAuthenticationFailureFromEvent(context)));
        return Uni.createFrom().item(true);
    }

    private static CognitoException refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CognitoException cognito) {
                return cognito;
            }
        }
        return new NotAuthorizedException(failure == null ? MISSING : INVALID);
    }

    /** A presented metrics or admin secret. */
    public static final class MetricsKeyRequest extends BaseAuthenticationRequest {
        private final String secret;

        MetricsKeyRequest(String secret) {
            this.secret = secret;
        }
    }

    /**
     * Turns a presented secret into the identity of its key (principal = the key's id, role admin
     * or metrics), or fails. Both sets of keys are always compared in full, so the time taken does
     * not tell which kind of key, if any, matched.
     */
    @Singleton
    public static class Provider implements IdentityProvider<MetricsKeyRequest> {

        private final AdminCredentials admins;
        private final MetricsCredentials scrapers;

        public Provider(AdminCredentials admins, MetricsCredentials scrapers) {
            this.admins = admins;
            this.scrapers = scrapers;
        }

        @Override
        public Class<MetricsKeyRequest> getRequestType() {
            return MetricsKeyRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(MetricsKeyRequest request, AuthenticationRequestContext context) {
            Optional<AccessKey> admin = admins.match(request.secret);
            Optional<AccessKey> scraper = scrapers.match(request.secret);
            if (admin.isPresent()) {
                return identity(admin.get(), Callers.ADMIN);
            }
            if (scraper.isPresent()) {
                return identity(scraper.get(), Callers.METRICS);
            }
            return Uni.createFrom().failure(new AuthenticationFailedException(new NotAuthorizedException(INVALID)));
        }

        private static Uni<SecurityIdentity> identity(AccessKey key, String role) {
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(key.id()))
                    .addRole(role)
                    .build());
        }
    }
}
