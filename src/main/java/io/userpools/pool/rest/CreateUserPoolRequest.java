package io.userpools.pool.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.userpools.pool.CreatePoolCommand;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of CreateUserPool. Unknown fields are rejected (at every level); absent optional
 * settings get Cognito's defaults. Ranges are Cognito's ([1.3], [2.10]); the rules that span
 * several fields are checked by {@code PoolSchemaBuilder} and {@code PoolSettingsBuilder}.
 */
@RegisterForReflection // the constraint annotations of its components are read at run time
public record CreateUserPoolRequest(
        @NotNull @Size(min = 1, max = 128) @Pattern(regexp = "[\\w\\s+=,.@-]+") String name,
        List<String> usernameAttributes,
        List<String> aliasAttributes,
        List<String> autoVerifiedAttributes,
        List<String> attributesRequireVerificationBeforeUpdate,
        Boolean usernameCaseSensitive,
        @Size(max = 50) List<@Valid @NotNull SchemaAttributeRequest> schema,
        @Valid TriggersRequest triggers,
        @Valid MessagingRequest messaging,
        @Valid PasswordPolicyRequest passwordPolicy,
        @Valid TokenValidityRequest tokenValidity,
        @Valid AdminCreateUserConfigRequest adminCreateUserConfig,
        @Valid HistoryRequest history,
        @Valid AccountRecoverySettingRequest accountRecoverySetting) {

    /**
     * Not in Cognito: the change history's settings. {@code unkeptAttributes} names attributes of
     * the schema ({@code custom:} prefix included) whose values history does not keep; an entry
     * then records only that such an attribute (or its pending value) changed.
     */
    public record HistoryRequest(@Size(max = 100) List<@NotNull @Size(min = 1, max = 128) String> unkeptAttributes) {

        CreatePoolCommand.HistoryInput toInput() {
            return new CreatePoolCommand.HistoryInput(unkeptAttributes);
        }
    }

    /**
     * One schema entry. For a custom attribute, {@code name} has no {@code custom:} prefix; a
     * standard attribute may only set {@code required} and {@code mutable}.
     */
    public record SchemaAttributeRequest(
            @NotNull String name,
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
    public record TriggersRequest(@Valid CustomMessageRequest customMessage) {
    }

    /** The custom message webhook: an absolute http(s) URL and the secret that signs each call. */
    public record CustomMessageRequest(
            @NotNull @Size(max = 2048) String url,
            @Size(min = 16, max = 512) String secret,
            @Min(100) @Max(30_000) Integer timeoutMillis) {
    }

    /**
     * Message templates; each code message needs the {@code {####}} code placeholder.
     * {@code defaultEmailOption} is Cognito's {@code CONFIRM_WITH_CODE} (default) or
     * {@code CONFIRM_WITH_LINK}: then the sign-up confirmation email is {@code email.messageByLink},
     * whose {@code {##text##}} becomes a link that confirms the user.
     */
    public record MessagingRequest(@Valid EmailTemplateRequest email, @Valid SmsTemplateRequest sms,
            @Schema(enumeration = {"CONFIRM_WITH_CODE", "CONFIRM_WITH_LINK"}) String defaultEmailOption) {
    }

    /** {@code subjectByLink} and {@code messageByLink}: the link message; absent, Cognito's built-in one. */
    public record EmailTemplateRequest(
            @Size(min = 3, max = 320) String from,
            @Size(min = 1, max = 140) String subject,
            @Size(min = 6, max = 20_000) String message,
            @Size(min = 1, max = 140) String subjectByLink,
            @Size(min = 6, max = 20_000) String messageByLink) {
    }

    public record SmsTemplateRequest(@Size(min = 6, max = 140) String message) {
    }

    /** Cognito's password policy; absent fields take Cognito's defaults. */
    public record PasswordPolicyRequest(
            @Min(6) @Max(99) Integer minimumLength,
            Boolean requireUppercase,
            Boolean requireLowercase,
            Boolean requireNumbers,
            Boolean requireSymbols,
            @Min(0) @Max(365) Integer temporaryPasswordValidityDays,
            @Min(0) @Max(24) Integer passwordHistorySize) {
    }

    /** Default token lifetimes of the pool's clients, in seconds, within Cognito's bounds. */
    public record TokenValidityRequest(
            @Min(300) @Max(86_400) Long accessTokenSeconds,
            @Min(300) @Max(86_400) Long idTokenSeconds,
            @Min(3_600) @Max(315_360_000) Long refreshTokenSeconds) {
    }

    /**
     * Cognito's AdminCreateUserConfig (lifecycle spec 5): {@code unusedAccountValidityDays} is the
     * legacy form of {@code passwordPolicy.temporaryPasswordValidityDays}; each invitation message
     * needs {@code {username}} and {@code {####}}.
     */
    public record AdminCreateUserConfigRequest(
            Boolean allowAdminCreateUserOnly,
            @Min(0) @Max(365) Integer unusedAccountValidityDays,
            @Valid InviteMessageTemplateRequest inviteMessageTemplate) {

        CreatePoolCommand.AdminCreateUserConfigInput toInput() {
            return new CreatePoolCommand.AdminCreateUserConfigInput(allowAdminCreateUserOnly, unusedAccountValidityDays,
                    inviteMessageTemplate == null ? null : new CreatePoolCommand.InviteMessageTemplateInput(
                            inviteMessageTemplate.emailMessage(), inviteMessageTemplate.emailSubject(),
                            inviteMessageTemplate.smsMessage()));
        }
    }

    /**
     * Cognito's AccountRecoverySetting (lifecycle spec 2.3): where a password reset code goes, by
     * priority; {@code admin_only} alone turns self-service reset off. Absent: phone, then email.
     */
    public record AccountRecoverySettingRequest(
            @NotNull @Size(min = 1, max = 2) List<@Valid @NotNull RecoveryMechanismRequest> recoveryMechanisms) {

        CreatePoolCommand.AccountRecoveryInput toInput() {
            return new CreatePoolCommand.AccountRecoveryInput(recoveryMechanisms.stream()
                    .map(m -> new CreatePoolCommand.RecoveryMechanismInput(m.name(), m.priority())).toList());
        }
    }

    public record RecoveryMechanismRequest(
            @NotNull String name,
            @NotNull @Min(1) @Max(2) Integer priority) {
    }

    public record InviteMessageTemplateRequest(
            @Size(min = 6, max = 20_000) String emailMessage,
            @Size(min = 1, max = 140) String emailSubject,
            @Size(min = 6, max = 140) String smsMessage) {
    }

    /** The domain command this body asks for. */
    public CreatePoolCommand toCommand() {
        return new CreatePoolCommand(name, usernameAttributes, aliasAttributes, autoVerifiedAttributes,
                attributesRequireVerificationBeforeUpdate, usernameCaseSensitive, schema(schema), triggers(triggers),
                messaging(messaging), passwordPolicy(passwordPolicy), tokenValidity(tokenValidity),
                adminCreateUserConfig == null ? null : adminCreateUserConfig.toInput(),
                history == null ? null : history.toInput(),
                accountRecoverySetting == null ? null : accountRecoverySetting.toInput());
    }

    static List<CreatePoolCommand.SchemaAttributeInput> schema(List<SchemaAttributeRequest> schema) {
        return schema == null ? null : schema.stream()
                .map(a -> new CreatePoolCommand.SchemaAttributeInput(a.name(), a.type(), a.mutable(), a.required(),
                        a.developerOnly(), a.minLength(), a.maxLength(), a.minValue(), a.maxValue()))
                .toList();
    }

    static CreatePoolCommand.TriggersInput triggers(TriggersRequest triggers) {
        return triggers == null ? null
                : new CreatePoolCommand.TriggersInput(triggers.customMessage() == null ? null
                        : new CreatePoolCommand.CustomMessageInput(triggers.customMessage().url(),
                                triggers.customMessage().secret(), triggers.customMessage().timeoutMillis()));
    }

    static CreatePoolCommand.MessagingInput messaging(MessagingRequest messaging) {
        return messaging == null ? null
                : new CreatePoolCommand.MessagingInput(
                        messaging.email() == null ? null : new CreatePoolCommand.EmailTemplateInput(
                                messaging.email().from(), messaging.email().subject(), messaging.email().message(),
                                messaging.email().subjectByLink(), messaging.email().messageByLink()),
                        messaging.sms() == null ? null
                                : new CreatePoolCommand.SmsTemplateInput(messaging.sms().message()),
                        messaging.defaultEmailOption());
    }

    static CreatePoolCommand.PasswordPolicyInput passwordPolicy(PasswordPolicyRequest passwordPolicy) {
        return passwordPolicy == null ? null
                : new CreatePoolCommand.PasswordPolicyInput(passwordPolicy.minimumLength(),
                        passwordPolicy.requireUppercase(), passwordPolicy.requireLowercase(),
                        passwordPolicy.requireNumbers(), passwordPolicy.requireSymbols(),
                        passwordPolicy.temporaryPasswordValidityDays(), passwordPolicy.passwordHistorySize());
    }

    static CreatePoolCommand.TokenValidityInput tokenValidity(TokenValidityRequest tokenValidity) {
        return tokenValidity == null ? null
                : new CreatePoolCommand.TokenValidityInput(tokenValidity.accessTokenSeconds(),
                        tokenValidity.idTokenSeconds(), tokenValidity.refreshTokenSeconds());
    }
}
