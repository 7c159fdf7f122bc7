package io.userpools.aws;

import io.userpools.common.error.InvalidParameterException;
import io.userpools.messaging.ConfirmationLink;
import io.userpools.pool.PoolSettingsBuilder;
import io.userpools.pool.CreatePoolCommand.AccountRecoveryInput;
import io.userpools.pool.CreatePoolCommand.AdminCreateUserConfigInput;
import io.userpools.pool.CreatePoolCommand.EmailTemplateInput;
import io.userpools.pool.CreatePoolCommand.InviteMessageTemplateInput;
import io.userpools.pool.CreatePoolCommand.MessagingInput;
import io.userpools.pool.CreatePoolCommand.PasswordPolicyInput;
import io.userpools.pool.CreatePoolCommand.RecoveryMechanismInput;
import io.userpools.pool.CreatePoolCommand.SchemaAttributeInput;
import io.userpools.pool.CreatePoolCommand.SmsTemplateInput;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The members of CreateUserPool and UpdateUserPool that both share, read from Cognito's shapes into
 * the domain's inputs: {@code Policies.PasswordPolicy}, {@code AutoVerifiedAttributes},
 * {@code UserAttributeUpdateSettings}, {@code VerificationMessageTemplate} and its legacy mirrors,
 * {@code EmailConfiguration.From}, and {@code SchemaAttributeType} lists.
 *
 * <p>A member Userpools cannot honour is never dropped: it is an {@code InvalidParameterException}
 * that names it. So are Lambda triggers: Userpools' custom message trigger is a signed webhook
 * (URL and secret), which an ARN cannot name; it is set on the REST API ({@code triggers}) and an
 * AWS UpdateUserPool keeps it. Enum members are accepted at the value Userpools behaves as
 * ({@code MfaConfiguration OFF}, {@code DeletionProtection INACTIVE}, {@code EmailSendingAccount
 * COGNITO_DEFAULT}).
 */
final class AwsPoolInput {

    /** The settings read, as the domain commands take them. */
    record Settings(List<String> autoVerifiedAttributes, List<String> attributesRequireVerificationBeforeUpdate,
            MessagingInput messaging, PasswordPolicyInput passwordPolicy, AdminCreateUserConfigInput invitations,
            AccountRecoveryInput accountRecovery) {
    }

    static final AwsInput.Shape SMS_MESSAGE = AwsInput.Shape.of(6, 140, ".*\\{####\\}.*");
    /** {@code InviteMessageTemplate.SMSMessage}: the model's length; its placeholders are the domain's check. */
    static final AwsInput.Shape INVITE_SMS = AwsInput.Shape.of(6, 140, null);
    static final AwsInput.Shape EMAIL_MESSAGE = AwsInput.Shape.of(6, 20_000, null);
    static final AwsInput.Shape EMAIL_SUBJECT = AwsInput.Shape.of(1, 140, "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s]+");
    static final AwsInput.Shape EMAIL_FROM = AwsInput.Shape.of(3, 320, null);
    static final AwsInput.Shape ANY = AwsInput.Shape.of(0, 2048, null);
    static final AwsInput.Shape CUSTOM_NAME = AwsInput.Shape.of(1, 20, "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
    /** Cognito's pattern for email messages, as its error texts quote it. */
    static final String EMAIL_MESSAGE_PATTERN =
            "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*\\{####\\}[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*";
    /**
     * The same decision in linear time: every character in the class, and the placeholder
     * somewhere. Run as written, the pattern backtracks quadratically on 20,000 characters.
     */
    private static final Pattern EMAIL_CHARACTERS = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*+");
    private static final List<String> RECOVERY_NAMES = List.of("verified_email", "verified_phone_number",
            "admin_only");
    private static final List<String> DATA_TYPES = List.of("String", "Number", "DateTime", "Boolean");
    /** Members of both requests that Userpools has no behaviour for. */
    private static final List<String> UNSUPPORTED = List.of("SmsAuthenticationMessage", "DeviceConfiguration",
            "SmsConfiguration", "UserPoolAddOns", "UserPoolTier",
            "KeyConfiguration", "IssuerConfiguration");

    private final AwsInput in;
    private final List<String> unsupported = new ArrayList<>();

    AwsPoolInput(AwsInput in) {
        this.in = in;
    }

    /** Reads the shared settings; shape errors are collected in the input, the rest by {@link #refuseUnsupported}. */
    Settings settings() {
        List<String> autoVerified = in.strings("AutoVerifiedAttributes", AwsInput.ATTRIBUTE_NAME);
        AwsInput update = in.structure("UserAttributeUpdateSettings");
        List<String> requireVerification = update == null ? null
                : update.strings("AttributesRequireVerificationBeforeUpdate", AwsInput.ATTRIBUTE_NAME);
        return new Settings(autoVerified, requireVerification, messaging(), passwordPolicy(), invitations(),
                accountRecovery());
    }

    /** {@code AccountRecoverySetting}: 1-2 {@code RecoveryOptionType}s; the rules across them are the domain's. */
    private AccountRecoveryInput accountRecovery() {
        AwsInput setting = in.structure("AccountRecoverySetting");
        if (setting == null) {
            return null;
        }
        List<AwsInput> mechanisms = setting.structures("RecoveryMechanisms", 1, 2, true);
        if (mechanisms == null) {
            return null;
        }
        List<RecoveryMechanismInput> result = new ArrayList<>();
        for (AwsInput mechanism : mechanisms) {
            String name = mechanism.string("Name", ANY, true);
            if (name != null && !RECOVERY_NAMES.contains(name)) {
                mechanism.invalid(name, "Name", "Member must satisfy enum value set: " + RECOVERY_NAMES);
            }
            result.add(new RecoveryMechanismInput(name, mechanism.integer("Priority", 1, 2, true)));
        }
        return new AccountRecoveryInput(result);
    }

    /** A {@code SchemaAttributesListType} or {@code CustomAttributesListType}, or null when absent. */
    List<SchemaAttributeInput> schema(String member, int min, int max, boolean required) {
        List<AwsInput> entries = in.structures(member, min, max, required);
        if (entries == null) {
            return null;
        }
        List<SchemaAttributeInput> result = new ArrayList<>();
        for (AwsInput entry : entries) {
            String name = entry.string("Name", CUSTOM_NAME, false);
            String type = entry.string("AttributeDataType", ANY, false);
            if (type != null && !DATA_TYPES.contains(type)) {
                entry.invalid(type, "AttributeDataType", "Member must satisfy enum value set: " + DATA_TYPES);
            }
            AwsInput strings = entry.structure("StringAttributeConstraints");
            AwsInput numbers = entry.structure("NumberAttributeConstraints");
            result.add(new SchemaAttributeInput(name, type, entry.bool("Mutable"), entry.bool("Required"),
                    entry.bool("DeveloperOnlyAttribute"),
                    strings == null ? null : whole(strings, "MinLength", Integer.class),
                    strings == null ? null : whole(strings, "MaxLength", Integer.class),
                    numbers == null ? null : whole(numbers, "MinValue", Long.class),
                    numbers == null ? null : whole(numbers, "MaxValue", Long.class)));
        }
        return result;
    }

    /** Notes members of the request that Userpools cannot honour; see the class comment. */
    void readUnsupported() {
        for (String member : UNSUPPORTED) {
            if (in.has(member)) {
                unsupported.add(member);
            }
        }
        AwsInput lambda = in.structure("LambdaConfig");
        if (lambda != null && lambda.size() > 0) {
            unsupported.add("LambdaConfig (the custom message trigger is a webhook, set on the REST API: "
                    + "triggers.customMessage)");
        }
        AwsInput tags = in.structure("UserPoolTags");
        if (tags != null && tags.size() > 0) {
            unsupported.add("UserPoolTags");
        }
        only("MfaConfiguration", in, List.of("OFF", "ON", "OPTIONAL"), "OFF");
        only("DeletionProtection", in, List.of("ACTIVE", "INACTIVE"), "INACTIVE");
    }

    /**
     * Throws what {@link #readUnsupported} noted, after the shape checks ({@link AwsInput#check}).
     *
     * @throws InvalidParameterException naming every member Userpools cannot honour
     */
    void refuseUnsupported() {
        if (!unsupported.isEmpty()) {
            throw new InvalidParameterException("Not supported by Userpools: " + String.join(", ", unsupported)
                    + ". Leave it out.");
        }
    }

    private MessagingInput messaging() {
        AwsInput template = in.structure("VerificationMessageTemplate");
        String sms = in.string("SmsVerificationMessage", SMS_MESSAGE, false);
        String email = emailMessage(in, "EmailVerificationMessage");
        String subject = in.string("EmailVerificationSubject", EMAIL_SUBJECT, false);
        String option = null;
        String messageByLink = null;
        String subjectByLink = null;
        if (template != null) {
            sms = mirror("SmsVerificationMessage", sms, "SmsMessage", template.string("SmsMessage", SMS_MESSAGE,
                    false));
            email = mirror("EmailVerificationMessage", email, "EmailMessage", emailMessage(template, "EmailMessage"));
            subject = mirror("EmailVerificationSubject", subject, "EmailSubject",
                    template.string("EmailSubject", EMAIL_SUBJECT, false));
            option = template.string("DefaultEmailOption", ANY, false);
            if (option != null && !PoolSettingsBuilder.EMAIL_OPTIONS.contains(option)) {
                template.invalid(option, "DefaultEmailOption",
                        "Member must satisfy enum value set: " + PoolSettingsBuilder.EMAIL_OPTIONS);
            }
            messageByLink = linkMessage(template);
            subjectByLink = template.string("EmailSubjectByLink", EMAIL_SUBJECT, false);
        }
        String from = null;
        AwsInput emailConfiguration = in.structure("EmailConfiguration");
        if (emailConfiguration != null) {
            from = emailConfiguration.string("From", EMAIL_FROM, false);
            only("EmailSendingAccount", emailConfiguration, List.of("COGNITO_DEFAULT", "DEVELOPER"), "COGNITO_DEFAULT");
            for (String member : List.of("SourceArn", "ReplyToEmailAddress", "ConfigurationSet")) {
                if (emailConfiguration.has(member)) {
                    unsupported.add("EmailConfiguration." + member);
                }
            }
        }
        if (sms == null && email == null && subject == null && from == null && option == null
                && messageByLink == null && subjectByLink == null) {
            return null;
        }
        return new MessagingInput(new EmailTemplateInput(from, subject, email, subjectByLink, messageByLink),
                new SmsTemplateInput(sms), option);
    }

    /**
     * {@code EmailMessageByLink}: its length and characters here (a pattern error quoting the
     * model's pattern); whether it holds a {@code {##…##}} with text is the domain's check, with
     * Cognito's texts {@code The message is invalid.} and {@code The message is empty.} (lifecycle
     * spec 8.3: AWS answers those, not the pattern, for a message without a link [obs aws-cli#8280]).
     */
    private static String linkMessage(AwsInput template) {
        String value = template.string("EmailMessageByLink", EMAIL_MESSAGE, false);
        if (value != null && value.length() >= EMAIL_MESSAGE.min() && value.length() <= EMAIL_MESSAGE.max()
                && !EMAIL_CHARACTERS.matcher(value).matches()) {
            template.invalid(value, "EmailMessageByLink", "Member must satisfy regular expression pattern: "
                    + ConfirmationLink.MESSAGE_PATTERN);
        }
        return value;
    }

    /**
     * {@code AdminCreateUserConfig}: its shapes here (lengths, the validity's range); that each
     * message holds its placeholders, and the legacy validity against the policy's, the domain checks.
     */
    private AdminCreateUserConfigInput invitations() {
        AwsInput config = in.structure("AdminCreateUserConfig");
        if (config == null) {
            return null;
        }
        AwsInput template = config.structure("InviteMessageTemplate");
        InviteMessageTemplateInput invite = template == null ? null : new InviteMessageTemplateInput(
                emailMessage(template, "EmailMessage"), template.string("EmailSubject", EMAIL_SUBJECT, false),
                template.string("SMSMessage", INVITE_SMS, false));
        return new AdminCreateUserConfigInput(config.bool("AllowAdminCreateUserOnly"),
                config.integer("UnusedAccountValidityDays", 0, 365, false), invite);
    }

    private PasswordPolicyInput passwordPolicy() {
        AwsInput policies = in.structure("Policies");
        AwsInput policy = policies == null ? null : policies.structure("PasswordPolicy");
        if (policies != null && policies.has("SignInPolicy")) {
            unsupported.add("Policies.SignInPolicy");
        }
        if (policy == null) {
            return null;
        }
        return new PasswordPolicyInput(policy.integer("MinimumLength", 6, 99, false),
                policy.bool("RequireUppercase"), policy.bool("RequireLowercase"), policy.bool("RequireNumbers"),
                policy.bool("RequireSymbols"), policy.integer("TemporaryPasswordValidityDays", 0, 365, false),
                policy.integer("PasswordHistorySize", 0, 24, false));
    }

    /** An email message member: its length, then Cognito's pattern decided in linear time. */
    private static String emailMessage(AwsInput input, String member) {
        String value = input.string(member, EMAIL_MESSAGE, false);
        if (value != null && value.length() >= EMAIL_MESSAGE.min() && value.length() <= EMAIL_MESSAGE.max()
                && !(value.contains("{####}") && EMAIL_CHARACTERS.matcher(value).matches())) {
            input.invalid(value, member, "Member must satisfy regular expression pattern: " + EMAIL_MESSAGE_PATTERN);
        }
        return value;
    }

    /** The value of a legacy member and its template twin: one of them, or both when equal. */
    private static String mirror(String legacy, String legacyValue, String member, String templateValue) {
        if (legacyValue != null && templateValue != null && !legacyValue.equals(templateValue)) {
            throw new InvalidParameterException(legacy + " conflicts with VerificationMessageTemplate." + member);
        }
        return legacyValue != null ? legacyValue : templateValue;
    }

    /** An enum member: a value of the model's set, and only {@code honoured} is supported. */
    private void only(String member, AwsInput input, List<String> values, String honoured) {
        String value = input.string(member, ANY, false);
        if (value == null) {
            return;
        }
        if (!values.contains(value)) {
            input.invalid(value, member, "Member must satisfy enum value set: " + values);
        } else if (!value.equals(honoured)) {
            unsupported.add(member + " " + value);
        }
    }

    /** A whole number given as a string, as the constraint shapes carry them; null when absent or not one. */
    private static <T extends Number> T whole(AwsInput input, String member, Class<T> type) {
        String value = input.string(member, ANY, false);
        if (value == null) {
            return null;
        }
        try {
            long number = Long.parseLong(value.trim());
            if (type == Integer.class) {
                return type.cast(Math.toIntExact(number));
            }
            return type.cast(number);
        } catch (NumberFormatException | ArithmeticException e) {
            input.invalid(value, member, "Member must be a whole number");
            return null;
        }
    }
}
