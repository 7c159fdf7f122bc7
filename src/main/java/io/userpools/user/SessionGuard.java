package io.userpools.user;

import java.util.UUID;

/**
 * The state conditions of a self-service call's access token, checked inside the statement that
 * serves the call instead of by a query of their own: the row is the token's user ({@code sub}),
 * enabled, in a status that may use tokens (not RESET_REQUIRED, not UNCONFIRMED), its session
 * exists, is not revoked and started after the user's last global sign-out, and its app client
 * still exists. A statement that finds them false answers nothing for the call; the caller then
 * reads the state once to answer the precise Cognito error (behaviour spec 2.1).
 */
public record SessionGuard(UUID sub, UUID originJti, String clientId) {

    /**
     * SQL that is true when the guard of {@code g} (columns {@code sub}, {@code origin_jti},
     * {@code client_id}) holds for the user row {@code u}, or when {@code g} has no guard (a null
     * {@code sub}: an admin write).
     */
    static String holds(String u, String g) {
        return "(" + g + ".sub IS NULL OR (" + u + ".sub = " + g + ".sub AND " + u + ".enabled AND " + u
                + ".status NOT IN ('RESET_REQUIRED', 'UNCONFIRMED') AND EXISTS (SELECT 1 FROM sessions s "
                + "WHERE s.pool_id = " + u + ".pool_id AND s.origin_jti = " + g + ".origin_jti AND s.sub = " + u
                + ".sub AND s.revoked_at IS NULL AND (" + u + ".signed_out_at IS NULL OR s.auth_time > " + u
                + ".signed_out_at)) AND EXISTS (SELECT 1 FROM app_clients c WHERE c.pool_id = " + u
                + ".pool_id AND c.client_id = " + g + ".client_id)))";
    }
}
