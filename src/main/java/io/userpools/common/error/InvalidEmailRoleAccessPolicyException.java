package io.userpools.common.error;

/** Cognito's {@code InvalidEmailRoleAccessPolicyException}: the pool needs email but the deployment cannot send it (HTTP 400). */
public class InvalidEmailRoleAccessPolicyException extends CognitoException {

    public InvalidEmailRoleAccessPolicyException(String message) {
        super(400, message);
    }
}
