package io.userpools.common.error;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Answers Quarkus security's refusals as Cognito's {@code NotAuthorizedException} (problem+json,
 * 401): no credentials, credentials that failed (the Cognito error the check raised rides as the
 * cause: an expired or revoked token, a user gone or disabled, a pool's rate limit), or an
 * identity of the wrong kind. Overrides Quarkus' own mappers, which answer without a body.
 */
public class SecurityProblems {

    /** Without {@code Authorization}, on a route that selects the access-token mechanism. */
    static final String NO_ACCESS_TOKEN = "Invalid Access Token";
    static final String NO_ADMIN_KEY = "Missing admin credentials: send Authorization: Bearer <admin secret>";

    @ServerExceptionMapper
    public Response failed(AuthenticationFailedException e, HttpServerRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CognitoException cognito) {
                return ProblemMapper.respond(cognito, request);
            }
            if (DatabaseFailures.isUnavailable(cause)) {
                return ProblemMapper.respond(DatabaseFailures.unavailable(), request);
            }
        }
        return ProblemMapper.respond(new NotAuthorizedException("The credentials are not valid"), request);
    }

    @ServerExceptionMapper
    public Response anonymous(UnauthorizedException e, HttpServerRequest request, SimpleResourceInfo route) {
        return ProblemMapper.respond(new NotAuthorizedException(missing(route)), request);
    }

    @ServerExceptionMapper
    public Response wrongKind(ForbiddenException e, HttpServerRequest request, SimpleResourceInfo route) {
        return ProblemMapper.respond(new NotAuthorizedException(missing(route)), request);
    }

    private static String missing(SimpleResourceInfo route) {
        HttpAuthenticationMechanism mechanism = route == null || route.getResourceClass() == null ? null
                : route.getResourceClass().getAnnotation(HttpAuthenticationMechanism.class);
        return mechanism != null && (io.userpools.auth.Callers.ACCESS_TOKEN.equals(mechanism.value())
                || io.userpools.auth.Callers.SIGNED_TOKEN.equals(mechanism.value())) ? NO_ACCESS_TOKEN : NO_ADMIN_KEY;
    }
}
