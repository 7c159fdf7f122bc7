package io.userpools.pool;

import io.userpools.pool.CreatePoolCommand.AdminCreateUserConfigInput;
import io.userpools.pool.CreatePoolCommand.HistoryInput;
import io.userpools.pool.CreatePoolCommand.MessagingInput;
import io.userpools.pool.CreatePoolCommand.PasswordPolicyInput;
import io.userpools.pool.CreatePoolCommand.TokenValidityInput;
import io.userpools.pool.CreatePoolCommand.TriggersInput;
import java.util.List;

/**
 * UpdateUserPool as the domain takes it, from either facade ([L 7.1]): the settings of
 * {@link CreatePoolCommand} less the schema. A setting left out (null) returns to its create-time
 * default, except where {@link #omitted} says it is kept. {@code name} null keeps the name;
 * {@code usernameAttributes}, {@code aliasAttributes} and {@code usernameCaseSensitive} never
 * change after creation: null keeps them, a different value is refused.
 */
public record UpdatePoolCommand(
        String name,
        List<String> usernameAttributes,
        List<String> aliasAttributes,
        Boolean usernameCaseSensitive,
        List<String> autoVerifiedAttributes,
        List<String> attributesRequireVerificationBeforeUpdate,
        TriggersInput triggers,
        MessagingInput messaging,
        PasswordPolicyInput passwordPolicy,
        TokenValidityInput tokenValidity,
        AdminCreateUserConfigInput adminCreateUserConfig,
        HistoryInput history,
        CreatePoolCommand.AccountRecoveryInput accountRecoverySetting,
        Omitted omitted) {

    /** Without history settings (kept by {@link Omitted#COGNITO}, else reset) nor recovery setting. */
    public UpdatePoolCommand(String name, List<String> usernameAttributes, List<String> aliasAttributes,
            Boolean usernameCaseSensitive, List<String> autoVerifiedAttributes,
            List<String> attributesRequireVerificationBeforeUpdate, TriggersInput triggers, MessagingInput messaging,
            PasswordPolicyInput passwordPolicy, TokenValidityInput tokenValidity,
            AdminCreateUserConfigInput adminCreateUserConfig, Omitted omitted) {
        this(name, usernameAttributes, aliasAttributes, usernameCaseSensitive, autoVerifiedAttributes,
                attributesRequireVerificationBeforeUpdate, triggers, messaging, passwordPolicy, tokenValidity,
                adminCreateUserConfig, null, null, omitted);
    }

    /** What a setting left out of the request means. */
    public enum Omitted {
        /** Every setting left out returns to its default: a full replacement (REST {@code PUT}). */
        RESET,
        /**
         * As Cognito's UpdateUserPool was measured ([L 7.1]): the password policy is kept when left
         * out, and so are the settings the AWS request cannot carry (the trigger webhook, the token
         * validity defaults, the history settings); everything else returns to its default.
         */
        COGNITO
    }
}
