package io.userpools.signup;

import java.util.Map;

/**
 * SignUp from either facade (lifecycle 3.1). {@code secretHash} is needed when the client has a
 * secret; {@code validationData} is shape-checked by the facade and then discarded (no pre sign-up
 * trigger); {@code clientMetadata} goes to the custom message trigger only.
 */
public record SignUpCommand(String clientId, String secretHash, String username, String password,
        Map<String, String> attributes, Map<String, String> clientMetadata) {
}
