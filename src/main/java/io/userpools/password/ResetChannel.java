package io.userpools.password;

import io.userpools.messaging.MessageTemplates;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolSettings;
import io.userpools.pool.StandardAttributes;
import io.userpools.verification.CodeDeliveryDetails;
import java.util.List;
import java.util.Map;

/**
 * Where a password reset code goes, and its texts (lifecycle spec 2.3, 2.2, 8.1, 8.5). Pure.
 *
 * <p>The pool's {@code AccountRecoverySetting} gives the order; without one the legacy order
 * applies: the verified phone number first, then the verified email. A value qualifies only when
 * it is present and its {@code *_verified} flag is {@code "true"}; if the first does not, the next
 * is tried; one channel per message, never both. {@code admin_only} gives no channel.
 */
public final class ResetChannel {

    /** The key of a reset code in verification_codes' attribute_name (one live code per user). */
    public static final String PURPOSE = "password_reset";
    /** Cognito's text for a user without a verified channel (no final period, as Cognito writes it). */
    public static final String NO_CHANNEL =
            "Cannot reset password for the user as there is no registered/verified email or phone_number";
    /** The built-in reset body (lifecycle spec 8.5), used where the pool kept the default template. */
    public static final String DEFAULT_BODY = "Your password reset code is {####}";

    private static final String VERIFIED = "verified_";
    private static final List<String> LEGACY_ORDER = List.of(StandardAttributes.PHONE_NUMBER,
            StandardAttributes.EMAIL);

    private ResetChannel() {
    }

    /** The channel in the legacy order (a pool without recovery setting). */
    public static Map<String, String> of(Map<String, String> attributes) {
        return of(null, attributes);
    }

    /**
     * The channel: a map of one attribute to its value, or an empty map when none qualifies.
     *
     * @param recovery the pool's setting, null for the legacy order
     */
    public static Map<String, String> of(PoolSettings.AccountRecovery recovery, Map<String, String> attributes) {
        for (String attribute : order(recovery)) {
            String value = attributes.get(attribute);
            if (value != null && !value.isEmpty()
                    && "true".equals(attributes.get(StandardAttributes.verifiedFlagOf(attribute)))) {
                return Map.of(attribute, value);
            }
        }
        return Map.of();
    }

    /** The attributes a reset code may go to, first choice first. */
    static List<String> order(PoolSettings.AccountRecovery recovery) {
        if (recovery == null) {
            return LEGACY_ORDER;
        }
        return recovery.recoveryMechanisms().stream().map(PoolSettings.RecoveryMechanism::name)
                .filter(name -> name.startsWith(VERIFIED)).map(name -> name.substring(VERIFIED.length())).toList();
    }

    /** What a code row stores as its target: the channel's attribute and value, so both bind the code. */
    public static String target(String attribute, String value) {
        return attribute + ":" + value;
    }

    /** Whether the user still has the verified value that a code was sent to. */
    public static boolean stillReaches(String target, Map<String, String> attributes) {
        return LEGACY_ORDER.stream().anyMatch(a -> attributes.get(a) != null
                && "true".equals(attributes.get(StandardAttributes.verifiedFlagOf(a)))
                && target(a, attributes.get(a)).equals(target));
    }

    /**
     * The pool's templates for a reset message: a template the pool left at the built-in
     * verification text becomes the built-in reset text; a customised one is used as it is.
     */
    public static PoolSettings.Messaging messaging(PoolSettings.Messaging pool) {
        PoolSettings.Messaging m = pool == null ? PoolSettings.Messaging.DEFAULT : pool;
        PoolSettings.Messaging builtIn = PoolSettings.Messaging.DEFAULT;
        PoolSettings.EmailTemplate email = m.email() == null ? builtIn.email() : m.email();
        if (isBuiltIn(email.message(), builtIn.email().message())) {
            email = new PoolSettings.EmailTemplate(email.from(), email.subject(), DEFAULT_BODY);
        }
        PoolSettings.SmsTemplate sms = m.sms() == null ? builtIn.sms() : m.sms();
        if (isBuiltIn(sms.message(), builtIn.sms().message())) {
            sms = new PoolSettings.SmsTemplate(DEFAULT_BODY);
        }
        return new PoolSettings.Messaging(email, sms);
    }

    private static boolean isBuiltIn(String message, String builtIn) {
        return message == null || message.isBlank() || message.equals(builtIn)
                || message.equals(MessageTemplates.DEFAULT_MESSAGE);
    }

    /**
     * The delivery details answered for a user that does not exist (or may not reset) when the
     * client hides user existence: nothing is sent. A name that looks like an email or phone
     * number is masked as it is; otherwise a fake destination, on the medium of the pool's first
     * recovery mechanism when it has a setting, made from {@code seed} (an HMAC of
     * the name under a server key), so that repeated calls answer the same.
     */
    public static CodeDeliveryDetails simulated(Pool pool, String username, byte[] seed) {
        if (username.matches("\\+[0-9]{4,20}")) {
            return CodeDeliveryDetails.of(StandardAttributes.PHONE_NUMBER, username);
        }
        if (username.indexOf('@') > 0) {
            return CodeDeliveryDetails.of(StandardAttributes.EMAIL, username);
        }
        List<String> recovery = pool.settings().accountRecovery() == null ? List.of()
                : order(pool.settings().accountRecovery());
        boolean phone = recovery.isEmpty() ? pool.isAutoVerified(StandardAttributes.PHONE_NUMBER)
                && !pool.isAutoVerified(StandardAttributes.EMAIL)
                || pool.isUsernameAttribute(StandardAttributes.PHONE_NUMBER)
                : recovery.get(0).equals(StandardAttributes.PHONE_NUMBER);
        if (phone) {
            StringBuilder digits = new StringBuilder("+1");
            for (int i = 0; i < 10; i++) {
                digits.append(Math.floorMod(seed[i], 10));
            }
            return CodeDeliveryDetails.of(StandardAttributes.PHONE_NUMBER, digits.toString());
        }
        char local = (char) ('a' + Math.floorMod(seed[0], 26));
        char domain = (char) ('a' + Math.floorMod(seed[1], 26));
        return CodeDeliveryDetails.of(StandardAttributes.EMAIL, local + "@" + domain);
    }
}
