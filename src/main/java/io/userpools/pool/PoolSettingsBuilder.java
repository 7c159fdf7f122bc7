package io.userpools.pool;

import io.userpools.common.error.CognitoException.Violation;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.messaging.ConfirmationLink;
import io.userpools.pool.CreatePoolCommand.AdminCreateUserConfigInput;
import io.userpools.pool.CreatePoolCommand.CustomMessageInput;
import io.userpools.pool.CreatePoolCommand.InviteMessageTemplateInput;
import io.userpools.pool.CreatePoolCommand.MessagingInput;
import io.userpools.pool.CreatePoolCommand.PasswordPolicyInput;
import io.userpools.pool.CreatePoolCommand.TokenValidityInput;
import io.userpools.pool.CreatePoolCommand.TriggersInput;
import io.userpools.pool.PoolSettings.AdminCreateUserConfig;
import io.userpools.pool.PoolSettings.CustomMessage;
import io.userpools.pool.PoolSettings.EmailTemplate;
import io.userpools.pool.PoolSettings.InviteMessageTemplate;
import io.userpools.pool.PoolSettings.Messaging;
import io.userpools.pool.PoolSettings.PasswordPolicy;
import io.userpools.pool.PoolSettings.SmsTemplate;
import io.userpools.pool.PoolSettings.TokenValidity;
import io.userpools.pool.PoolSettings.Triggers;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the optional settings of CreateUserPool into stored settings: fills Cognito's defaults
 * for what is absent and checks the rules that shape validation cannot express (a trigger URL
 * that is absolute http(s) without user information and comes with a secret, templates with the
 * code placeholder). Where a webhook may connect is decided when it is called (trigger/WebhookDestinations).
 * Ranges and lengths are checked before, on the request records.
 */
public final class PoolSettingsBuilder {

    /** Default webhook timeout, as Cognito's Lambda trigger timeout [2.14]. */
    public static final int DEFAULT_TIMEOUT_MILLIS = 5_000;
    static final String CODE_PATTERN = ".*\\{####\\}.*";
    /** Cognito's DefaultEmailOptionType, in its model's order. */
    public static final List<String> EMAIL_OPTIONS = List.of(Messaging.CONFIRM_WITH_LINK, Messaging.CONFIRM_WITH_CODE);

    private PoolSettingsBuilder() {
    }

    /**
     * The history settings, or null when every value is kept.
     *
     * @throws InvalidParameterException for a name that is not an attribute of the schema
     */
    public static PoolSettings.History history(CreatePoolCommand.HistoryInput request, List<AttributeDefinition> schema) {
        if (request == null || request.unkeptAttributes() == null || request.unkeptAttributes().isEmpty()) {
            return null;
        }
        Set<String> known = new java.util.HashSet<>();
        schema.forEach(attribute -> known.add(attribute.name()));
        Set<String> names = new java.util.LinkedHashSet<>();
        for (String name : request.unkeptAttributes()) {
            if (name == null || !known.contains(name)) {
                throw new InvalidParameterException("history.unkeptAttributes: " + (name == null ? "null"
                        : "'" + name + "'") + " is not an attribute of the pool's schema.");
            }
            names.add(name);
        }
        return new PoolSettings.History(List.copyOf(names));
    }

    /**
     * The custom message trigger, or null when none is configured.
     *
     * @throws InvalidParameterException when the URL is not absolute http(s), carries user
     *                                   information, or the secret is missing
     */
    public static Triggers triggers(TriggersInput request) {
        if (request == null || request.customMessage() == null) {
            return null;
        }
        CustomMessageInput hook = request.customMessage();
        if (!isHttpUrl(hook.url())) {
            throw new InvalidParameterException(
                    "triggers.customMessage.url must be an absolute http or https URL without user information.");
        }
        if (hook.secret() == null || hook.secret().isBlank()) {
            throw new InvalidParameterException(
                    "triggers.customMessage.secret is required with a url (at least 16 characters).");
        }
        int timeout = hook.timeoutMillis() == null ? DEFAULT_TIMEOUT_MILLIS : hook.timeoutMillis();
        return new Triggers(new CustomMessage(hook.url(), hook.secret(), timeout));
    }

    /**
     * The message templates, each absent code text replaced by its default; absent link texts stay
     * absent (the built-in ones are used at send time, lifecycle spec 1.4, 8.5).
     *
     * @throws InvalidParameterException when a given code message lacks the {@code {####}} placeholder
     *         or the email option is not one of Cognito's; then (lifecycle spec 8.3) {@code The message
     *         is invalid.} for a link message without {@code {##…##}}, even in code mode, and
     *         {@code The message is empty.} for one whose links have no text ({@code {####}})
     */
    public static Messaging messaging(MessagingInput request) {
        Messaging defaults = Messaging.DEFAULT;
        String from = null;
        String subject = defaults.email().subject();
        String emailMessage = defaults.email().message();
        String smsMessage = defaults.sms().message();
        String subjectByLink = null;
        String messageByLink = null;
        String option = request == null || request.defaultEmailOption() == null ? Messaging.CONFIRM_WITH_CODE
                : request.defaultEmailOption();
        if (request != null && request.email() != null) {
            from = request.email().from();
            subject = orDefault(request.email().subject(), subject);
            emailMessage = orDefault(request.email().message(), emailMessage);
            subjectByLink = request.email().subjectByLink();
            messageByLink = request.email().messageByLink();
        }
        if (request != null && request.sms() != null) {
            smsMessage = orDefault(request.sms().message(), smsMessage);
        }
        List<Violation> violations = new ArrayList<>();
        checkPlaceholder(violations, "messaging.email.message", emailMessage);
        checkPlaceholder(violations, "messaging.sms.message", smsMessage);
        if (!EMAIL_OPTIONS.contains(option)) {
            violations.add(new Violation("messaging.defaultEmailOption",
                    "Member must satisfy enum value set: " + EMAIL_OPTIONS));
        }
        if (!violations.isEmpty()) {
            throw InvalidParameterException.detected(violations);
        }
        if (messageByLink != null) {
            String defect = ConfirmationLink.defect(messageByLink);
            if (defect != null) {
                throw new InvalidParameterException(defect);
            }
        }
        return new Messaging(new EmailTemplate(from, subject, emailMessage, subjectByLink, messageByLink),
                new SmsTemplate(smsMessage), option);
    }

    /** The password policy, with Cognito's default for every absent field. */
    public static PasswordPolicy passwordPolicy(PasswordPolicyInput request) {
        PasswordPolicy d = PasswordPolicy.DEFAULT;
        if (request == null) {
            return d;
        }
        return new PasswordPolicy(
                request.minimumLength() == null ? d.minimumLength() : request.minimumLength(),
                request.requireUppercase() == null ? d.requireUppercase() : request.requireUppercase(),
                request.requireLowercase() == null ? d.requireLowercase() : request.requireLowercase(),
                request.requireNumbers() == null ? d.requireNumbers() : request.requireNumbers(),
                request.requireSymbols() == null ? d.requireSymbols() : request.requireSymbols(),
                request.temporaryPasswordValidityDays() == null ? d.temporaryPasswordValidityDays()
                        : request.temporaryPasswordValidityDays(),
                request.passwordHistorySize() == null ? d.passwordHistorySize() : request.passwordHistorySize());
    }

    /**
     * The password policy of a new pool whose AdminCreateUserConfig may carry the legacy
     * {@code unusedAccountValidityDays}: it sets the temporary password validity when the policy
     * does not (lifecycle spec 5.2).
     *
     * @throws InvalidParameterException when both are given and the legacy one is neither 0 nor the
     *         same number (the same number is what DescribeUserPool answers, sent back) [D]
     */
    public static PasswordPolicy passwordPolicy(PasswordPolicyInput request, AdminCreateUserConfigInput invitations) {
        PasswordPolicy policy = passwordPolicy(request);
        Integer legacy = invitations == null ? null : invitations.unusedAccountValidityDays();
        if (legacy == null) {
            return policy;
        }
        if (request != null && request.temporaryPasswordValidityDays() != null) {
            if (legacy != 0 && !legacy.equals(request.temporaryPasswordValidityDays())) {
                throw new InvalidParameterException(
                        "Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays");
            }
            return policy;
        }
        return new PasswordPolicy(policy.minimumLength(), policy.requireUppercase(), policy.requireLowercase(),
                policy.requireNumbers(), policy.requireSymbols(), legacy, policy.passwordHistorySize());
    }

    /**
     * The AdminCreateUser configuration with Cognito's defaults (lifecycle spec 1.4); absent
     * invitation texts stay absent (the built-in ones are used at send time).
     *
     * @throws InvalidParameterException when an invitation message lacks {@code {username}} or
     *                                   {@code {####}} ("The message is invalid.", lifecycle spec 8.3)
     */
    public static AdminCreateUserConfig adminCreateUserConfig(AdminCreateUserConfigInput request) {
        AdminCreateUserConfig d = AdminCreateUserConfig.DEFAULT;
        if (request == null) {
            return d;
        }
        InviteMessageTemplateInput invite = request.inviteMessageTemplate();
        InviteMessageTemplate template = null;
        if (invite != null) {
            if (!isInvitation(invite.emailMessage()) || !isInvitation(invite.smsMessage())) {
                throw new InvalidParameterException("The message is invalid.");
            }
            template = new InviteMessageTemplate(invite.emailMessage(), invite.emailSubject(), invite.smsMessage());
        }
        return new AdminCreateUserConfig(
                request.allowAdminCreateUserOnly() == null ? d.allowAdminCreateUserOnly()
                        : request.allowAdminCreateUserOnly(),
                request.unusedAccountValidityDays() == null ? d.unusedAccountValidityDays()
                        : request.unusedAccountValidityDays(),
                template);
    }

    private static boolean isInvitation(String message) {
        return message == null || message.contains(InviteMessageTemplate.USERNAME_PLACEHOLDER)
                && message.contains(Messaging.CODE_PLACEHOLDER);
    }

    /** The token lifetimes, with the default for every absent one. */
    public static TokenValidity tokenValidity(TokenValidityInput request) {
        TokenValidity d = TokenValidity.DEFAULT;
        if (request == null) {
            return d;
        }
        return new TokenValidity(
                request.accessTokenSeconds() == null ? d.accessTokenSeconds() : request.accessTokenSeconds(),
                request.idTokenSeconds() == null ? d.idTokenSeconds() : request.idTokenSeconds(),
                request.refreshTokenSeconds() == null ? d.refreshTokenSeconds() : request.refreshTokenSeconds());
    }

    static boolean isHttpUrl(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return uri.isAbsolute() && (scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null && !uri.getHost().isEmpty() && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void checkPlaceholder(List<Violation> violations, String field, String message) {
        if (!message.contains(Messaging.CODE_PLACEHOLDER)) {
            violations.add(new Violation(field, RequestConstraints.pattern(CODE_PATTERN)));
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
