package io.userpools.common.error;

/** Cognito's {@code InvalidSmsRoleAccessPolicyException}: the pool needs SMS but the deployment cannot send it (HTTP 400). */
public class InvalidSmsRoleAccessPolicyException extends CognitoException {

    public InvalidSmsRoleAccessPolicyException(String message) {
        super(400, message);
    }
}
