package io.userpools.user;

import io.userpools.pool.PoolSettings;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

/**
 * Temporary passwords (lifecycle spec 5.2): the ones AdminCreateUser makes when none is given,
 * and how long one is good for. Pure, apart from the {@link SecureRandom} the passwords come from.
 *
 * <p>A generated password has {@code max(MinimumLength, 8)} characters with at least one
 * uppercase letter, lowercase letter, digit and symbol, whatever the policy requires, so that it
 * meets every policy. Its symbols are Cognito's minus those that need escaping in HTML or SMS
 * ({@code < > & " ' \ ` { }} and the space). It is never logged.
 */
public final class TemporaryPasswords {

    /** What sign-in answers for the right temporary password after it expired. */
    public static final String EXPIRED = "Temporary password has expired and must be reset by an administrator.";

    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    static final String DIGITS = "0123456789";
    static final String SYMBOLS = "^$*.[]()?!@#%/,:;|_~=+-";
    private static final String ALL = UPPER + LOWER + DIGITS + SYMBOLS;
    private static final int MIN_LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TemporaryPasswords() {
    }

    /** A new temporary password that meets the policy (null: Cognito's default policy). */
    public static String generate(PoolSettings.PasswordPolicy policy) {
        return generate(policy, RANDOM);
    }

    static String generate(PoolSettings.PasswordPolicy policy, SecureRandom random) {
        int length = Math.max(policy == null ? MIN_LENGTH : policy.minimumLength(), MIN_LENGTH);
        char[] chars = new char[length];
        chars[0] = pick(UPPER, random);
        chars[1] = pick(LOWER, random);
        chars[2] = pick(DIGITS, random);
        chars[3] = pick(SYMBOLS, random);
        for (int i = 4; i < length; i++) {
            chars[i] = pick(ALL, random);
        }
        for (int i = length - 1; i > 0; i--) { // Fisher-Yates, so the classes sit anywhere
            int j = random.nextInt(i + 1);
            char c = chars[i];
            chars[i] = chars[j];
            chars[j] = c;
        }
        return new String(chars);
    }

    private static char pick(String from, SecureRandom random) {
        return from.charAt(random.nextInt(from.length()));
    }

    /** How long a temporary password is good for: the policy's days, 0 (or no policy) meaning 7. */
    public static Duration validity(PoolSettings.PasswordPolicy policy) {
        int days = policy == null ? 0 : policy.temporaryPasswordValidityDays();
        return Duration.ofDays(days == 0 ? PoolSettings.PasswordPolicy.DEFAULT.temporaryPasswordValidityDays() : days);
    }

    /** True when a temporary password set at {@code setAt} is no longer good at {@code now}. */
    public static boolean expired(PoolSettings.PasswordPolicy policy, Instant setAt, Instant now) {
        return !now.isBefore(setAt.plus(validity(policy)));
    }
}
