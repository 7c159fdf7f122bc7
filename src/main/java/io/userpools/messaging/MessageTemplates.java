package io.userpools.messaging;

import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.common.validation.UnicodeText;
import io.userpools.pool.PoolSettings;
import io.userpools.trigger.CustomMessageEvent;
import io.userpools.verification.CodeDeliveryDetails.DeliveryMedium;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses the text of a code message: what the custom message trigger returned, else the pool's
 * template, else Cognito's default; then checks it and puts the code in ([2.14], [1.3]). Pure.
 */
public final class MessageTemplates {

    public static final String DEFAULT_MESSAGE = "Your verification code is {####}. ";
    public static final String DEFAULT_SUBJECT = "Your verification code";
    /** The link message without a template (lifecycle spec 8.5, [D]: believed the console's default). */
    public static final String DEFAULT_LINK_MESSAGE =
            "Please click the link below to verify your email address. {##Verify Email##}";
    public static final String DEFAULT_LINK_SUBJECT = "Your verification link";
    static final int MAX_SMS = 140;
    static final int MAX_EMAIL = 20_000;
    static final int MAX_SUBJECT = 140;
    private static final String PATTERN = "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*\\{####\\}[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*";

    private MessageTemplates() {
    }

    /** A message ready to send: the subject is null for SMS; {@code html} for a link message. */
    public record Rendered(String subject, String body, boolean html) {

        public Rendered(String subject, String body) {
            this(subject, body, false);
        }
    }

    /**
     * The message for this medium with {@code code} in place of {@code {####}}.
     *
     * @param fromTrigger the trigger's response ({@link CustomMessageEvent.Response#EMPTY} without a trigger)
     * @throws InvalidParameterException when a returned message is empty, lacks the placeholder or is too long,
     *                                   or is not well-formed Unicode or holds NUL (it would be stored in the outbox)
     */
    public static Rendered render(PoolSettings.Messaging messaging, DeliveryMedium medium,
            CustomMessageEvent.Response fromTrigger, String code) {
        return render(messaging, medium, fromTrigger, code, null);
    }

    /**
     * As {@link #render(PoolSettings.Messaging, DeliveryMedium, CustomMessageEvent.Response, String)};
     * with a confirmation link, an email is the link message (lifecycle spec 8.4): the trigger's
     * text, else the pool's {@code messageByLink}, else Cognito's, each {@code {##text##}} made a
     * hyperlink to {@code link} with this code (an SMS still carries the code).
     *
     * @param link where the sign-up confirmation link points, or null for a code message
     * @throws InvalidParameterException as for a code message; a trigger's email must hold
     *                                   {@link CustomMessageEvent#LINK_PARAMETER} instead of the code
     */
    public static Rendered render(PoolSettings.Messaging messaging, DeliveryMedium medium,
            CustomMessageEvent.Response fromTrigger, String code, ConfirmationLink link) {
        if (link != null && medium == DeliveryMedium.EMAIL) {
            return renderLink(emailTemplate(messaging), fromTrigger, code, link);
        }
        if (medium == DeliveryMedium.SMS) {
            String body = fromTrigger.smsMessage() != null ? checked("smsMessage", fromTrigger.smsMessage(), MAX_SMS)
                    : orDefault(smsTemplate(messaging), DEFAULT_MESSAGE);
            return new Rendered(null, body.replace(CustomMessageEvent.CODE_PARAMETER, code));
        }
        String body = fromTrigger.emailMessage() != null
                ? checked("emailMessage", fromTrigger.emailMessage(), MAX_EMAIL)
                : orDefault(emailTemplate(messaging) == null ? null : emailTemplate(messaging).message(), DEFAULT_MESSAGE);
        String subject = fromTrigger.emailSubject() != null ? subject(fromTrigger.emailSubject())
                : orDefault(emailTemplate(messaging) == null ? null : emailTemplate(messaging).subject(), DEFAULT_SUBJECT);
        return new Rendered(subject, body.replace(CustomMessageEvent.CODE_PARAMETER, code));
    }

    private static Rendered renderLink(PoolSettings.EmailTemplate template, CustomMessageEvent.Response fromTrigger,
            String code, ConfirmationLink link) {
        String body;
        if (fromTrigger.emailMessage() != null) {
            body = fromTrigger.emailMessage();
            wellFormed("emailMessage", body);
            if (body.isEmpty()) {
                throw new InvalidParameterException("The message is empty.");
            }
            if (!body.contains(CustomMessageEvent.LINK_PARAMETER)) {
                throw InvalidParameterException.detectedValue(body, "emailMessage",
                        RequestConstraints.pattern(ConfirmationLink.MESSAGE_PATTERN));
            }
            if (body.length() > MAX_EMAIL) {
                throw InvalidParameterException.detected("emailMessage", RequestConstraints.maxLength(MAX_EMAIL));
            }
        } else {
            body = orDefault(template == null ? null : template.messageByLink(), DEFAULT_LINK_MESSAGE);
        }
        String subject = fromTrigger.emailSubject() != null ? subject(fromTrigger.emailSubject())
                : orDefault(template == null ? null : template.subjectByLink(), DEFAULT_LINK_SUBJECT);
        return new Rendered(subject, link.render(body, code), true);
    }

    /** Cognito's invitation texts (lifecycle spec 8.5), for email and SMS alike. */
    public static final String DEFAULT_INVITATION = "Your username is {username} and temporary password is {####}.";
    public static final String DEFAULT_INVITATION_SUBJECT = "Your temporary password";
    private static final Pattern INVITATION_PLACEHOLDERS =
            Pattern.compile("\\{username\\}|\\{####\\}");

    /**
     * The invitation of AdminCreateUser for this medium (lifecycle spec 5.5): what the trigger
     * returned, else the pool's InviteMessageTemplate, else Cognito's text; {@code {username}}
     * and {@code {####}} (the temporary password) replaced in the body in one pass, never in the subject.
     *
     * @param template    the pool's invitation template, or null
     * @param fromTrigger the trigger's response ({@link CustomMessageEvent.Response#EMPTY} without a trigger)
     * @throws InvalidParameterException when a returned message is empty, too long, not well-formed,
     *                                   or lacks {@code {####}} (pattern text) or {@code {username}}
     *                                   ("The message is invalid.")
     */
    public static Rendered renderInvitation(PoolSettings.InviteMessageTemplate template, DeliveryMedium medium,
            CustomMessageEvent.Response fromTrigger, String username, String password) {
        String subject = null;
        String body;
        if (medium == DeliveryMedium.SMS) {
            body = fromTrigger.smsMessage() != null ? invitation("smsMessage", fromTrigger.smsMessage(), MAX_SMS)
                    : orDefault(template == null ? null : template.smsMessage(), DEFAULT_INVITATION);
        } else {
            body = fromTrigger.emailMessage() != null
                    ? invitation("emailMessage", fromTrigger.emailMessage(), MAX_EMAIL)
                    : orDefault(template == null ? null : template.emailMessage(), DEFAULT_INVITATION);
            subject = fromTrigger.emailSubject() != null ? subject(fromTrigger.emailSubject())
                    : orDefault(template == null ? null : template.emailSubject(), DEFAULT_INVITATION_SUBJECT);
        }
        String text = INVITATION_PLACEHOLDERS.matcher(body).replaceAll(placeholder ->
                Matcher.quoteReplacement(placeholder.group().equals(CustomMessageEvent.CODE_PARAMETER)
                        ? password : username));
        return new Rendered(subject, text);
    }

    private static String invitation(String field, String message, int max) {
        checked(field, message, max);
        if (!message.contains(CustomMessageEvent.USERNAME_PARAMETER)) {
            throw new InvalidParameterException("The message is invalid.");
        }
        return message;
    }

    private static String checked(String field, String message, int max) {
        wellFormed(field, message);
        if (message.isEmpty()) {
            throw new InvalidParameterException("The message is empty.");
        }
        if (!message.contains(CustomMessageEvent.CODE_PARAMETER)) {
            throw InvalidParameterException.detectedValue(message, field, RequestConstraints.pattern(PATTERN));
        }
        if (message.length() > max) {
            throw InvalidParameterException.detected(field, RequestConstraints.maxLength(max));
        }
        return message;
    }

    private static String subject(String subject) {
        wellFormed("emailSubject", subject);
        if (subject.isBlank()) {
            throw new InvalidParameterException("The message is empty.");
        }
        if (subject.length() > MAX_SUBJECT) {
            throw InvalidParameterException.detected("emailSubject", RequestConstraints.maxLength(MAX_SUBJECT));
        }
        return subject;
    }

    /** Our wording [D]: Cognito documents no text for a trigger's text that is not Unicode. */
    private static void wellFormed(String field, String text) {
        String defect = UnicodeText.defect(text);
        if (defect != null) {
            throw new InvalidParameterException("The custom message trigger's " + field + " " + defect);
        }
    }

    private static PoolSettings.EmailTemplate emailTemplate(PoolSettings.Messaging messaging) {
        return messaging == null ? null : messaging.email();
    }

    private static String smsTemplate(PoolSettings.Messaging messaging) {
        return messaging == null || messaging.sms() == null ? null : messaging.sms().message();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
