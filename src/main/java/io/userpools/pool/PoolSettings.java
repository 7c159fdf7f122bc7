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
        TokenValidity tokenValidity) {

    /** The custom message webhook. The secret signs each call. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Triggers(CustomMessage customMessage) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CustomMessage(String url, String secret, Integer timeoutMillis) {
    }

    /** Message templates, each with the {@code {####}} code placeholder. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Messaging(EmailTemplate email, SmsTemplate sms) {

        /** The code placeholder every message must contain. */
        public static final String CODE_PLACEHOLDER = "{####}";
        /**
         * Cognito-like defaults. No sender: the mailer's configured {@code from} address is used.
         */
        public static final Messaging DEFAULT = new Messaging(
                new EmailTemplate(null, "Your verification code", "Your verification code is {####}."),
                new SmsTemplate("Your verification code is {####}."));
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EmailTemplate(String from, String subject, String message) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SmsTemplate(String message) {
    }

    /** Cognito's password policy; the defaults are Cognito's. */
    @RegisterForReflection
    public record PasswordPolicy(int minimumLength, boolean requireUppercase, boolean requireLowercase,
            boolean requireNumbers, boolean requireSymbols, int temporaryPasswordValidityDays) {

        public static final PasswordPolicy DEFAULT = new PasswordPolicy(8, true, true, true, true, 7);
    }

    /** Default token lifetimes for the pool's clients, in seconds. */
    @RegisterForReflection
    public record TokenValidity(long accessTokenSeconds, long idTokenSeconds, long refreshTokenSeconds) {

        public static final TokenValidity DEFAULT = new TokenValidity(3600, 3600, 30L * 24 * 3600);
    }
}
