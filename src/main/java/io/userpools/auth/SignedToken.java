package io.userpools.auth;

import io.userpools.client.Client;
import io.userpools.pool.Pool;
import io.userpools.user.SessionGuard;
import java.util.UUID;

/**
 * An access token whose signature, issuer, use, client and expiry are verified
 * ({@link AccessTokenVerifier#verifySigned}), its user state not yet: that is checked by
 * {@link AccessTokenVerifier#state} or inside the statement that serves the call ({@link #guard}).
 */
public record SignedToken(Pool pool, Client client, UUID sub, UUID originJti, String jti, String username,
        boolean hasScope) {

    /** The state conditions a statement checks for this token. */
    public SessionGuard guard() {
        return new SessionGuard(sub, originJti, client.clientId());
    }
}
