package io.userpools.auth;

import io.userpools.common.error.InvalidPasswordException;
import io.userpools.pool.PoolSettings;

/**
 * A pool's password policy (Cognito's default policy unless the pool sets one): length and the
 * character classes, with Cognito's texts. Symbols are Cognito's set plus the space.
 */
public final class PasswordRules {

    public static final int MAX_LENGTH = 256;
    private static final String SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";
    private static final String PREFIX = "Password did not conform with policy: ";

    private PasswordRules() {
    }

    /**
     * Checks a new password.
     *
     * @throws InvalidPasswordException naming the first rule the password breaks
     */
    public static void check(PoolSettings.PasswordPolicy policy, String password) {
        PoolSettings.PasswordPolicy p = policy == null ? PoolSettings.PasswordPolicy.DEFAULT : policy;
        if (password == null || password.length() < Math.max(6, p.minimumLength())) {
            throw new InvalidPasswordException(PREFIX + "Password not long enough");
        }
        if (password.length() > MAX_LENGTH) {
            throw new InvalidPasswordException(PREFIX + "Password must have less than " + (MAX_LENGTH + 1)
                    + " characters");
        }
        if (p.requireLowercase() && password.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
            throw new InvalidPasswordException(PREFIX + "Password must have lowercase characters");
        }
        if (p.requireUppercase() && password.chars().noneMatch(c -> c >= 'A' && c <= 'Z')) {
            throw new InvalidPasswordException(PREFIX + "Password must have uppercase characters");
        }
        if (p.requireNumbers() && password.chars().noneMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidPasswordException(PREFIX + "Password must have numeric characters");
        }
        if (p.requireSymbols() && password.chars().noneMatch(c -> SYMBOLS.indexOf(c) >= 0)) {
            throw new InvalidPasswordException(PREFIX + "Password must have symbol characters");
        }
    }
}
