package io.userpools.auth;

import java.util.Map;

/** A password sign-in (USER_PASSWORD_AUTH), from either facade. {@code secretHash} is needed when the client has a secret. */
public record SignInCommand(
        String clientId,
        String username,
        String password,
        String secretHash,
        Map<String, String> clientMetadata) {
}
