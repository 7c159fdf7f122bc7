package io.userpools.auth;

/** A refresh (REFRESH_TOKEN_AUTH), from either facade; {@code secretHash} is computed with the user's username. */
public record RefreshCommand(
        String clientId,
        String refreshToken,
        String secretHash) {
}
