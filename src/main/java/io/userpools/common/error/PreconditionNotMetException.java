package io.userpools.common.error;

/** Cognito's {@code PreconditionNotMetException}: the operation's precondition does not hold (HTTP 400). */
public class PreconditionNotMetException extends CognitoException {

    public PreconditionNotMetException(String message) {
        super(400, message);
    }
}
