package io.userpools.user;

import io.userpools.common.error.InvalidPasswordException;
import io.userpools.pool.PoolSettings;

/**
 * A pool's password policy as a pure check, with Cognito's texts (two wordings, lifecycle spec
 * 1.3), for every path that sets a password.
 *
 * <p>Rules, checked in this order, the first failure speaks: length (in code points), lowercase,
 * uppercase, digits, symbols. [D] Letters are any Unicode lower/upper-case letters; digits are
 * {@code 0-9}; symbols are the characters Cognito lists:
 * {@code ^ $ * . [ ] { } ( ) ? " ! @ # % & / \ , > < ' : ; | _ ~ ` = + -} and a space.
 */
public final class PasswordPolicyCheck {

    static final String PREFIX = "Password did not conform with policy: ";
    /**
     * The wording of RespondToAuthChallenge (NEW_PASSWORD_REQUIRED), AdminSetUserPassword and
     * AdminCreateUser (lifecycle spec 1.3 [D]); the other operations use {@link #PREFIX}.
     */
    static final String ADMIN_PREFIX = "Password does not conform to policy: ";
    public static final String NOT_LONG_ENOUGH = PREFIX + "Password not long enough";
    public static final String NEEDS_LOWERCASE = PREFIX + "Password must have lowercase characters";
    public static final String NEEDS_UPPERCASE = PREFIX + "Password must have uppercase characters";
    public static final String NEEDS_NUMERIC = PREFIX + "Password must have numeric characters";
    public static final String NEEDS_SYMBOL = PREFIX + "Password must have symbol characters";

    private static final String SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";

    private PasswordPolicyCheck() {
    }

    /**
     * Checks a password against a pool's policy.
     *
     * @param policy   the pool's policy; null means Cognito's default
     * @param password the candidate; null counts as empty
     * @throws InvalidPasswordException with Cognito's text for the first rule broken
     */
    public static void check(PoolSettings.PasswordPolicy policy, String password) {
        String broken = brokenRule(policy, password);
        if (broken != null) {
            throw new InvalidPasswordException(PREFIX + broken);
        }
    }

    /**
     * {@link #check} with the "does not conform to policy" wording, for RespondToAuthChallenge,
     * AdminSetUserPassword and AdminCreateUser.
     *
     * @throws InvalidPasswordException with that text for the first rule broken
     */
    public static void checkChallengeOrAdmin(PoolSettings.PasswordPolicy policy, String password) {
        String broken = brokenRule(policy, password);
        if (broken != null) {
            throw new InvalidPasswordException(ADMIN_PREFIX + broken);
        }
    }

    /** The first rule broken (the text after the prefix), or null. */
    private static String brokenRule(PoolSettings.PasswordPolicy policy, String password) {
        PoolSettings.PasswordPolicy p = policy == null ? PoolSettings.PasswordPolicy.DEFAULT : policy;
        String value = password == null ? "" : password;
        if (value.codePointCount(0, value.length()) < p.minimumLength()) {
            return NOT_LONG_ENOUGH.substring(PREFIX.length());
        }
        if (p.requireLowercase() && value.codePoints().noneMatch(Character::isLowerCase)) {
            return NEEDS_LOWERCASE.substring(PREFIX.length());
        }
        if (p.requireUppercase() && value.codePoints().noneMatch(Character::isUpperCase)) {
            return NEEDS_UPPERCASE.substring(PREFIX.length());
        }
        if (p.requireNumbers() && value.chars().noneMatch(c -> c >= '0' && c <= '9')) {
            return NEEDS_NUMERIC.substring(PREFIX.length());
        }
        if (p.requireSymbols() && value.chars().noneMatch(c -> SYMBOLS.indexOf(c) >= 0)) {
            return NEEDS_SYMBOL.substring(PREFIX.length());
        }
        return null;
    }
}
