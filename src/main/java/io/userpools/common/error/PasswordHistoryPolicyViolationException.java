package io.userpools.common.error;

/**
 * Cognito's {@code PasswordHistoryPolicyViolationException}: the password is one of the user's
 * last {@code PasswordHistorySize} passwords (HTTP 400, lifecycle spec 0 and 1.3).
 */
public class PasswordHistoryPolicyViolationException extends CognitoException {

    /** Cognito's text is not known; this is the spec's [D] (lifecycle spec 1.3). */
    public static final String PREVIOUSLY_USED = "Password has previously been used.";

    public PasswordHistoryPolicyViolationException() {
        super(400, PREVIOUSLY_USED);
    }
}
