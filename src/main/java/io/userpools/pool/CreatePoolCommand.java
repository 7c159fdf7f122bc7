package io.userpools.pool;

import java.util.List;

/**
 * CreateUserPool as the domain takes it, from either facade: the facades check sizes and shapes,
 * {@code PoolSchemaBuilder} and {@code PoolSettingsBuilder} the rules that span several fields and
 * fill in Cognito's defaults for absent settings.
 */
public record CreatePoolCommand(
        String name,
        List<String> usernameAttributes,
        List<String> aliasAttributes,
        List<String> autoVerifiedAttributes,
        List<String> attributesRequireVerificationBeforeUpdate,
        Boolean usernameCaseSensitive,
        List<SchemaAttributeInput> schema,
        TriggersInput triggers,
        MessagingInput messaging,
        PasswordPolicyInput passwordPolicy,
        TokenValidityInput tokenValidity,
        AdminCreateUserConfigInput adminCreateUserConfig,
        HistoryInput history,
        AccountRecoveryInput accountRecoverySetting) {

    /** A command without history settings (every value kept) nor account recovery setting. */
    public CreatePoolCommand(String name, List<String> usernameAttributes, List<String> aliasAttributes,
            List<String> autoVerifiedAttributes, List<String> attributesRequireVerificationBeforeUpdate,
            Boolean usernameCaseSensitive, List<SchemaAttributeInput> schema, TriggersInput triggers,
            MessagingInput messaging, PasswordPolicyInput passwordPolicy, TokenValidityInput tokenValidity,
            AdminCreateUserConfigInput adminCreateUserConfig) {
        this(name, usernameAttributes, aliasAttributes, autoVerifiedAttributes,
                attributesRequireVerificationBeforeUpdate, usernameCaseSensitive, schema, triggers, messaging,
                passwordPolicy, tokenValidity, adminCreateUserConfig, null, null);
    }

    /** A command without AdminCreateUser configuration (Cognito's defaults). */
    public CreatePoolCommand(String name, List<String> usernameAttributes, List<String> aliasAttributes,
            List<String> autoVerifiedAttributes, List<String> attributesRequireVerificationBeforeUpdate,
            Boolean usernameCaseSensitive, List<SchemaAttributeInput> schema, TriggersInput triggers,
            MessagingInput messaging, PasswordPolicyInput passwordPolicy, TokenValidityInput tokenValidity) {
        this(name, usernameAttributes, aliasAttributes, autoVerifiedAttributes,
                attributesRequireVerificationBeforeUpdate, usernameCaseSensitive, schema, triggers, messaging,
                passwordPolicy, tokenValidity, null, null, null);
    }

    /** The change history's settings: attributes whose values history does not keep (names as in the schema). */
    public record HistoryInput(List<String> unkeptAttributes) {
    }

    /** AccountRecoverySetting: 1 or 2 mechanisms with their priorities. */
    public record AccountRecoveryInput(List<RecoveryMechanismInput> recoveryMechanisms) {
    }

    public record RecoveryMechanismInput(String name, Integer priority) {
    }

    /**
     * One schema entry. For a custom attribute, {@code name} has no {@code custom:} prefix; a
     * standard attribute may only set {@code required} and {@code mutable}.
     */
    public record SchemaAttributeInput(
            String name,
            String type,
            Boolean mutable,
            Boolean required,
            Boolean developerOnly,
            Integer minLength,
            Integer maxLength,
            Long minValue,
            Long maxValue) {
    }

    /** Webhooks that stand in for Cognito's Lambda triggers. */
    public record TriggersInput(CustomMessageInput customMessage) {
    }

    /** The custom message webhook: an absolute http(s) URL and the secret that signs each call. */
    public record CustomMessageInput(
            String url,
            String secret,
            Integer timeoutMillis) {
    }

    /**
     * Message templates; each code message needs the {@code {####}} code placeholder, the link
     * message a {@code {##link text##}}. {@code defaultEmailOption} CONFIRM_WITH_CODE (null) or
     * CONFIRM_WITH_LINK.
     */
    public record MessagingInput(EmailTemplateInput email, SmsTemplateInput sms, String defaultEmailOption) {

        public MessagingInput(EmailTemplateInput email, SmsTemplateInput sms) {
            this(email, sms, null);
        }
    }

    public record EmailTemplateInput(
            String from,
            String subject,
            String message,
            String subjectByLink,
            String messageByLink) {

        public EmailTemplateInput(String from, String subject, String message) {
            this(from, subject, message, null, null);
        }
    }

    public record SmsTemplateInput(String message) {
    }

    /** Cognito's password policy; absent fields take Cognito's defaults. */
    public record PasswordPolicyInput(
            Integer minimumLength,
            Boolean requireUppercase,
            Boolean requireLowercase,
            Boolean requireNumbers,
            Boolean requireSymbols,
            Integer temporaryPasswordValidityDays,
            Integer passwordHistorySize) {
    }

    /** Default token lifetimes of the pool's clients, in seconds, within Cognito's bounds. */
    public record TokenValidityInput(
            Long accessTokenSeconds,
            Long idTokenSeconds,
            Long refreshTokenSeconds) {
    }

    /** Cognito's AdminCreateUserConfig; absent fields take Cognito's defaults (lifecycle spec 1.4, 5). */
    public record AdminCreateUserConfigInput(
            Boolean allowAdminCreateUserOnly,
            Integer unusedAccountValidityDays,
            InviteMessageTemplateInput inviteMessageTemplate) {
    }

    /** The invitation texts, each with {@code {username}} and {@code {####}}. */
    public record InviteMessageTemplateInput(String emailMessage, String emailSubject, String smsMessage) {
    }
}
