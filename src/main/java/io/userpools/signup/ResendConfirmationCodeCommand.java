package io.userpools.signup;

import java.util.Map;

/** ResendConfirmationCode from either facade (lifecycle 3.3). */
public record ResendConfirmationCodeCommand(String clientId, String secretHash, String username,
        Map<String, String> clientMetadata) {
}
