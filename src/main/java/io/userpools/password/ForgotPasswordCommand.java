package io.userpools.password;

import java.util.Map;

/**
 * ForgotPassword: who asks, through which app client.
 *
 * @param secretHash     needed when the client has a secret
 * @param clientMetadata for the custom message trigger only; never stored or logged
 */
public record ForgotPasswordCommand(String clientId, String secretHash, String username,
        Map<String, String> clientMetadata) {
}
