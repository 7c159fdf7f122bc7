package io.userpools.user;

import io.userpools.attribute.AttributePolicy;
import io.userpools.attribute.AttributeValues;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolSettings;
import io.userpools.pool.StandardAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The pure checks of AdminCreateUser ([1.3], [2.8]): the username rules of the pool, the
 * attributes ({@link AttributePolicy#checkCreate}) and the temporary password (given, or
 * generated from {@code SecureRandom}), all before anything is written.
 */
public final class NewUsers {

    /** Anything with an {@code @} between non-blank parts looks like an email to an alias pool (possessive: linear). */
    static final Pattern LOOKS_LIKE_EMAIL = Pattern.compile("[^@\\s]++@[^@\\s]++");
    static final Pattern LOOKS_LIKE_PHONE = Pattern.compile("\\+[0-9]{4,15}");

    /** What to insert: the stored attributes include {@code sub} and no blank values. */
    record Draft(UUID sub, String username, Map<String, String> attributes, String password) {
    }

    private NewUsers() {
    }

    static Draft draft(Pool pool, CreateUserCommand request, UUID sub) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (request.attributes() != null) {
            attributes.putAll(request.attributes());
        }
        String username = username(pool, request.username(), attributes, sub);
        AttributePolicy.checkCreate(pool, attributes);
        Map<String, String> stored = stored(attributes, sub);
        PoolSettings.PasswordPolicy policy = pool.settings().passwordPolicy();
        return new Draft(sub, username, stored, temporaryPassword(policy, request.temporaryPassword()));
    }

    /**
     * The temporary password: the given one, which must meet the policy, or a generated one
     * (lifecycle spec 5.2) that the invitation carries.
     */
    static String temporaryPassword(PoolSettings.PasswordPolicy policy, String given) {
        if (given == null) {
            return TemporaryPasswords.generate(policy);
        }
        PasswordPolicyCheck.checkChallengeOrAdmin(policy, given);
        return given;
    }

    /** The attributes to store for a new user: the non-blank values, and {@code sub}. */
    public static Map<String, String> stored(Map<String, String> attributes, UUID sub) {
        Map<String, String> stored = new LinkedHashMap<>();
        attributes.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                stored.put(name, value);
            }
        });
        stored.put(StandardAttributes.SUB, sub.toString());
        return stored;
    }

    /**
     * The username to store. In a username-attribute pool the requested name must be an email or
     * phone number the pool signs in with; it becomes that attribute (which must not say
     * otherwise) and the username is the {@code sub}. In an alias pool it must not look like an
     * email (phone number) when email (phone_number) is an alias.
     */
    public static String username(Pool pool, String requested, Map<String, String> attributes, UUID sub) {
        if (pool.hasUsernameAttributes()) {
            boolean email = pool.isUsernameAttribute(StandardAttributes.EMAIL);
            boolean phone = pool.isUsernameAttribute(StandardAttributes.PHONE_NUMBER);
            String attribute = email && AttributeValues.isEmail(requested) ? StandardAttributes.EMAIL
                    : phone && AttributeValues.isPhoneNumber(requested) ? StandardAttributes.PHONE_NUMBER : null;
            if (attribute == null) {
                throw new InvalidParameterException(email && phone ? "Username should be either an email or a phone number."
                        : email ? "Username should be an email." : "Username should be a phone number.");
            }
            String given = attributes.get(attribute);
            if (given != null && !given.isEmpty() && !pool.key(given).equals(pool.key(requested))) {
                // Our wording [D]: Cognito's text for this clash is not documented.
                throw new InvalidParameterException("Username and " + attribute + " attribute must be the same.");
            }
            attributes.put(attribute, given != null && !given.isEmpty() ? given : requested);
            return sub.toString();
        }
        if (pool.isAliasAttribute(StandardAttributes.EMAIL) && LOOKS_LIKE_EMAIL.matcher(requested).matches()) {
            throw new InvalidParameterException("Username cannot be of email format, since user pool is configured "
                    + "for email alias.");
        }
        if (pool.isAliasAttribute(StandardAttributes.PHONE_NUMBER) && LOOKS_LIKE_PHONE.matcher(requested).matches()) {
            throw new InvalidParameterException("Username cannot be of phone number format, since user pool is "
                    + "configured for phone_number alias.");
        }
        return requested;
    }
}
