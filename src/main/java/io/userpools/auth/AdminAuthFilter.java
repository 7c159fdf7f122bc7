package io.userpools.auth;

import io.userpools.common.error.NotAuthorizedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every path under {@code /pools} is an admin operation, except a pool's public
 * {@code .well-known} documents: they need an admin access key as a bearer credential.
 */
public class AdminAuthFilter {

    private final AdminCredentials credentials;

    public AdminAuthFilter(AdminCredentials credentials) {
        this.credentials = credentials;
    }

    @ServerRequestFilter(preMatching = true)
    public void requireAdmin(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!isAdminPath(path)) {
            return;
        }
        String secret = Bearer.token(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (secret == null) {
            throw new NotAuthorizedException("Missing admin credentials: send Authorization: Bearer <admin secret>");
        }
        if (credentials.match(secret).isEmpty()) {
            throw new NotAuthorizedException("The admin credentials are not valid");
        }
    }

    static boolean isAdminPath(String path) {
        return (path.equals("/pools") || path.startsWith("/pools/")) && !path.contains("/.well-known/");
    }
}
