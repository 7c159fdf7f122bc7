package io.userpools.user;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.security.SecureRandom;

/** Password hashing with bcrypt (Elytron), always off the event loop. */
public final class Passwords {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGITS = "23456789";
    private static final String SYMBOLS = "^$*.[]{}()?-!@#%&/,><:;|_~";

    private Passwords() {
    }

    /** The bcrypt hash of a password, computed on a worker thread. */
    public static Uni<String> hash(String password) {
        return Uni.createFrom().item(() -> BcryptUtil.bcryptHash(password))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Whether the password matches the hash (constant-time compare), computed on a worker thread. */
    public static Uni<Boolean> matches(String password, String hash) {
        return Uni.createFrom().item(() -> hash != null && BcryptUtil.matches(password, hash))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** A random temporary password that satisfies Cognito's default policy. */
    public static String generateTemporary() {
        return generateTemporary(0);
    }

    /**
     * A random temporary password of at least 12 and at least {@code minimumLength} characters,
     * with upper and lower case letters, digits and symbols, so that any pool policy accepts it.
     */
    public static String generateTemporary(int minimumLength) {
        StringBuilder password = new StringBuilder();
        for (String set : new String[] {UPPER, LOWER, DIGITS, SYMBOLS, UPPER + LOWER + DIGITS, LOWER + DIGITS,
                UPPER + LOWER, LOWER + DIGITS, UPPER + DIGITS, LOWER, DIGITS, UPPER}) {
            password.append(set.charAt(RANDOM.nextInt(set.length())));
        }
        String any = UPPER + LOWER + DIGITS;
        while (password.length() < minimumLength) {
            password.append(any.charAt(RANDOM.nextInt(any.length())));
        }
        return password.toString();
    }
}
