package io.userpools.user;

import io.userpools.common.error.InvalidPasswordException;
import io.userpools.pool.PoolSettings;

/**
 * A pool's password policy as a pure check, with Cognito's texts. Shared by AdminCreateUser
 * (temporary password) and AdminSetUserPassword.
 *
 * <p>Rules, checked in this order, the first failure speaks: length (in code points), lowercase,
 * uppercase, digits, symbols. [D] Letters are any Unicode lower/upper-case letters; digits are
 * {@code 0-9}; symbols are the characters Cognito lists:
 * {@code ^ $ * . [ ] { } ( ) ? " ! @ # % & / \ , > < ' : ; | _ ~ ` = + -} and a space.
 */
public final class PasswordPolicyCheck {

    static final String PREFIX = "Password did not conform with policy: ";
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
        PoolSettings.PasswordPolicy p = policy == null ? PoolSettings.PasswordPolicy.DEFAULT : policy;
        String value = password == null ? "" : password;
        if (value.codePointCount(0, value.length()) < p.minimumLength()) {
            throw new InvalidPasswordException(NOT_LONG_ENOUGH);
        }
        if (p.requireLowercase() && value.codePoints().noneMatch(Character::isLowerCase)) {
            throw new InvalidPasswordException(NEEDS_LOWERCASE);
        }
        if (p.requireUppercase() && value.codePoints().noneMatch(Character::isUpperCase)) {
            throw new InvalidPasswordException(NEEDS_UPPERCASE);
        }
        if (p.requireNumbers() && value.chars().noneMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidPasswordException(NEEDS_NUMERIC);
        }
        if (p.requireSymbols() && value.chars().noneMatch(c -> SYMBOLS.indexOf(c) >= 0)) {
            throw new InvalidPasswordException(NEEDS_SYMBOL);
        }
    }
}
