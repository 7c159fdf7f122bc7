package io.userpools.common.error;

/** Cognito's {@code CodeMismatchException}: the verification code is wrong (HTTP 400). */
public class CodeMismatchException extends CognitoException {

    public CodeMismatchException(String message) {
        super(400, message);
    }
}
