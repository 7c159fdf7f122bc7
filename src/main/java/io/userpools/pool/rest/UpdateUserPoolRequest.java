package io.userpools.pool.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.userpools.pool.UpdatePoolCommand;
import io.userpools.pool.rest.CreateUserPoolRequest.AdminCreateUserConfigRequest;
import io.userpools.pool.rest.CreateUserPoolRequest.HistoryRequest;
import io.userpools.pool.rest.CreateUserPoolRequest.MessagingRequest;
import io.userpools.pool.rest.CreateUserPoolRequest.PasswordPolicyRequest;
import io.userpools.pool.rest.CreateUserPoolRequest.TokenValidityRequest;
import io.userpools.pool.rest.CreateUserPoolRequest.TriggersRequest;
import jakarta.validation.Valid;
import java.util.List;

/**
 * The body of UpdateUserPool: the settings of CreateUserPool less {@code name} and {@code schema}.
 * A full replacement: every setting left out returns to its default, as in Cognito. Username and
 * alias attributes and case sensitivity never change; they may be sent with their current value.
 */
@RegisterForReflection // the constraint annotations of its components are read at run time
public record UpdateUserPoolRequest(
        List<String> usernameAttributes,
        List<String> aliasAttributes,
        List<String> autoVerifiedAttributes,
        List<String> attributesRequireVerificationBeforeUpdate,
        Boolean usernameCaseSensitive,
        @Valid TriggersRequest triggers,
        @Valid MessagingRequest messaging,
        @Valid PasswordPolicyRequest passwordPolicy,
        @Valid TokenValidityRequest tokenValidity,
        @Valid AdminCreateUserConfigRequest adminCreateUserConfig,
        @Valid HistoryRequest history,
        @Valid CreateUserPoolRequest.AccountRecoverySettingRequest accountRecoverySetting) {

    /** The domain command this body asks for. */
    public UpdatePoolCommand toCommand() {
        return new UpdatePoolCommand(null, usernameAttributes, aliasAttributes, usernameCaseSensitive,
                autoVerifiedAttributes, attributesRequireVerificationBeforeUpdate,
                CreateUserPoolRequest.triggers(triggers), CreateUserPoolRequest.messaging(messaging),
                CreateUserPoolRequest.passwordPolicy(passwordPolicy),
                CreateUserPoolRequest.tokenValidity(tokenValidity),
                adminCreateUserConfig == null ? null : adminCreateUserConfig.toInput(),
                history == null ? null : history.toInput(),
                accountRecoverySetting == null ? null : accountRecoverySetting.toInput(),
                UpdatePoolCommand.Omitted.RESET);
    }
}
