package io.userpools.common.error;

import java.util.List;

/** Cognito's {@code InvalidParameterException}: the input breaks a rule (HTTP 400). */
public class InvalidParameterException extends CognitoException {

    public InvalidParameterException(String message) {
        super(400, message);
    }

    public InvalidParameterException(String message, List<Violation> violations) {
        super(400, message, violations);
    }

    /** The same code with another status, for transport-level mistakes (413, 415, 405). */
    public InvalidParameterException(int status, String message) {
        super(status, message);
    }
}
