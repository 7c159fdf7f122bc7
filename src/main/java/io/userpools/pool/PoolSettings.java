package io.userpools.pool;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A pool's settings as stored. Username/alias attributes and case sensitivity never change after
 * creation; triggers, messaging, password policy, token validity and rate limits may.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PoolSettings(
        List<String> usernameAttributes,
        List<String> aliasAttributes,
        List<String> autoVerifiedAttributes,
        List<String> attributesRequireVerificationBeforeUpdate,
        boolean usernameCaseSensitive,
        Triggers triggers,
        Messaging messaging,
        PasswordPolicy passwordPolicy,
        TokenValidity tokenValidity,
        AdminCreateUserConfig adminCreateUserConfig,
        History history,
        AccountRecovery accountRecovery) {

    /** Settings that keep every attribute's values in the change history, without account recovery setting. */
    public PoolSettings(List<String> usernameAttributes, List<String> aliasAttributes,
            List<String> autoVerifiedAttributes, List<String> attributesRequireVerificationBeforeUpdate,
            boolean usernameCaseSensitive, Triggers triggers, Messaging messaging, PasswordPolicy passwordPolicy,
            TokenValidity tokenValidity, AdminCreateUserConfig adminCreateUserConfig) {
        this(usernameAttributes, aliasAttributes, autoVerifiedAttributes, attributesRequireVerificationBeforeUpdate,
                usernameCaseSensitive, triggers, messaging, passwordPolicy, tokenValidity, adminCreateUserConfig, null,
                null);
    }

    /** Settings without an AdminCreateUser configuration: {@link AdminCreateUserConfig#DEFAULT} applies. */
    public PoolSettings(List<String> usernameAttributes, List<String> aliasAttributes,
            List<String> autoVerifiedAttributes, List<String> attributesRequireVerificationBeforeUpdate,
            boolean usernameCaseSensitive, Triggers triggers, Messaging messaging, PasswordPolicy passwordPolicy,
            TokenValidity tokenValidity) {
        this(usernameAttributes, aliasAttributes, autoVerifiedAttributes, attributesRequireVerificationBeforeUpdate,
                usernameCaseSensitive, triggers, messaging, passwordPolicy, tokenValidity, null, null, null);
    }

    /** These settings with other triggers. */
    public PoolSettings withTriggers(Triggers replacement) {
        return new PoolSettings(usernameAttributes, aliasAttributes, autoVerifiedAttributes,
                attributesRequireVerificationBeforeUpdate, usernameCaseSensitive, replacement, messaging, passwordPolicy,
                tokenValidity, adminCreateUserConfig, history, accountRecovery);
    }

    /** The AdminCreateUser configuration, Cognito's default for pools stored without one. */
    public AdminCreateUserConfig invitations() {
        return adminCreateUserConfig == null ? AdminCreateUserConfig.DEFAULT : adminCreateUserConfig;
    }

    /**
     * Cognito's AccountRecoverySetting (lifecycle spec 2.3): where a password reset code goes, in
     * priority order ({@code verified_phone_number}, {@code verified_email}), or {@code admin_only}
     * alone, which allows no self-service reset. A pool without one (null) uses the legacy order,
     * phone then email.
     */
    @RegisterForReflection
    public record AccountRecovery(List<RecoveryMechanism> recoveryMechanisms) {

        public static final String ADMIN_ONLY = "admin_only";

        /** Whether self-service recovery is off (only {@code admin_only}). */
        public boolean adminOnly() {
            return recoveryMechanisms.stream().anyMatch(m -> ADMIN_ONLY.equals(m.name()));
        }
    }

    /** One recovery mechanism and its priority (1 first). */
    @RegisterForReflection
    public record RecoveryMechanism(String name, int priority) {
    }

    /** The custom message webhook. The secret signs each call. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Triggers(CustomMessage customMessage) {
    }

    /**
     * The webhook's URL, time limit and secret. At rest the secret is sealed ({@code sealedSecret},
     * base64, see {@link TriggerSecrets}); {@code secret} holds it in clear only between a request
     * and the write that seals it, and in pools stored before sealing existed (still honoured, sealed
     * on the pool's next write or by the re-sealing after start).
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CustomMessage(String url, String secret, Integer timeoutMillis, String sealedSecret) {

        /** A webhook as requested: its secret in clear, not yet sealed. */
        public CustomMessage(String url, String secret, Integer timeoutMillis) {
            this(url, secret, timeoutMillis, null);
        }

        /** Never shows the secret, clear or sealed. */
        @Override
        public String toString() {
            return "CustomMessage[url=" + url + ", timeoutMillis=" + timeoutMillis + "]";
        }
    }

    /**
     * Message templates, each code message with the {@code {####}} code placeholder. With
     * {@code defaultEmailOption} {@value #CONFIRM_WITH_LINK}, the email of sign-up confirmation
     * (SignUp, ResendConfirmationCode) is the link message ({@link EmailTemplate#messageByLink},
     * lifecycle spec 8.4); every other message, and SMS, carries a code. Null (pools stored before
     * the option existed) means {@value #CONFIRM_WITH_CODE}.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Messaging(EmailTemplate email, SmsTemplate sms, String defaultEmailOption) {

        /** The code placeholder every message must contain. */
        public static final String CODE_PLACEHOLDER = "{####}";
        public static final String CONFIRM_WITH_CODE = "CONFIRM_WITH_CODE";
        public static final String CONFIRM_WITH_LINK = "CONFIRM_WITH_LINK";
        /**
         * Cognito-like defaults. No sender: the mailer's configured {@code from} address is used.
         */
        public static final Messaging DEFAULT = new Messaging(
                new EmailTemplate(null, "Your verification code", "Your verification code is {####}."),
                new SmsTemplate("Your verification code is {####}."), CONFIRM_WITH_CODE);

        /** Templates in code mode. */
        public Messaging(EmailTemplate email, SmsTemplate sms) {
            this(email, sms, CONFIRM_WITH_CODE);
        }

        /** Whether sign-up confirmation emails carry a link rather than a code. */
        public boolean confirmsWithLink() {
            return CONFIRM_WITH_LINK.equals(defaultEmailOption);
        }
    }

    /**
     * The email texts: the code message and its subject, and the link message of
     * {@link Messaging#CONFIRM_WITH_LINK} and its subject (absent: the built-in ones at send time).
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EmailTemplate(String from, String subject, String message, String subjectByLink,
            String messageByLink) {

        /** Without link texts. */
        public EmailTemplate(String from, String subject, String message) {
            this(from, subject, message, null, null);
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SmsTemplate(String message) {
    }

    /**
     * Cognito's password policy; the defaults are Cognito's. {@code passwordHistorySize} (0-24, 0 is
     * off) forbids the last n passwords, the current one included (lifecycle spec 1.3).
     */
    @RegisterForReflection
    public record PasswordPolicy(int minimumLength, boolean requireUppercase, boolean requireLowercase,
            boolean requireNumbers, boolean requireSymbols, int temporaryPasswordValidityDays, int passwordHistorySize) {

        public static final PasswordPolicy DEFAULT = new PasswordPolicy(8, true, true, true, true, 7, 0);
    }

    /** Default token lifetimes for the pool's clients, in seconds. */
    @RegisterForReflection
    public record TokenValidity(long accessTokenSeconds, long idTokenSeconds, long refreshTokenSeconds) {

        public static final TokenValidity DEFAULT = new TokenValidity(3600, 3600, 30L * 24 * 3600);
    }

    /**
     * Cognito's AdminCreateUserConfig (lifecycle spec 5): whether only administrators create users
     * (stored and shown; SignUp reads it), the legacy validity of temporary passwords (the password
     * policy's {@code temporaryPasswordValidityDays} is the one that counts) and the invitation
     * template; an absent template or text means Cognito's built-in one.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AdminCreateUserConfig(boolean allowAdminCreateUserOnly, int unusedAccountValidityDays,
            InviteMessageTemplate inviteMessageTemplate) {

        public static final AdminCreateUserConfig DEFAULT = new AdminCreateUserConfig(false, 7, null);
    }

    /** The invitation texts; each message holds {@code {username}} and {@code {####}} (the temporary password). */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InviteMessageTemplate(String emailMessage, String emailSubject, String smsMessage) {

        /** Where the invitation names the user. */
        public static final String USERNAME_PLACEHOLDER = "{username}";
    }

    /**
     * The change history's settings (issue 16): the attributes whose values history does not keep
     * (an entry records that such an attribute changed, as {@code {"kept": false}}, for active and
     * pending values alike). Not part of Cognito's pool: AWS UpdateUserPool leaves it as it is.
     */
    @RegisterForReflection
    public record History(List<String> unkeptAttributes) {

        public History {
            unkeptAttributes = List.copyOf(unkeptAttributes);
        }
    }
}
