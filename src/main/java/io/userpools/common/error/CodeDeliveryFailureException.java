package io.userpools.common.error;

/** Cognito's {@code CodeDeliveryFailureException}: the message could not be delivered (HTTP 502). */
public class CodeDeliveryFailureException extends CognitoException {

    public CodeDeliveryFailureException(String message) {
        super(502, message);
    }
}
