package io.userpools.lockout;

import io.smallrye.mutiny.Uni;
import io.userpools.common.Metrics;
import io.userpools.common.PeriodicTask;
import io.userpools.common.error.LimitExceededException;
import io.userpools.common.error.NotAuthorizedException;
import io.userpools.pool.Pool;
import io.userpools.user.Passwords;
import io.userpools.user.PoolUser;
import io.userpools.verification.AttemptLimits;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Password checks under the sign-in lockout of lifecycle spec section 6, for every place that
 * checks a user's password. Each attempt is counted in the database before the password is
 * checked (one atomic statement, see {@link SignInFailureRepository}), so that concurrent attempts
 * on any number of replicas are all counted and no more than the threshold of them reach bcrypt
 * before the lockout: the failure that reaches the threshold locks for 1 second, each further one
 * doubles that up to the maximum ({@link LockoutConfig}). While locked out the password is not
 * checked at all and the attempt changes nothing. A correct password forgets the failures.
 * A name that matches no user, and a user without a password, cost the same bcrypt work as a real
 * check. Once in use, it deletes the rows that count as no failures any more every quiet-reset
 * period, one run at a time ({@link PeriodicTask}; every replica does, the deletes are idempotent).
 *
 * <p>Code checks by username (ConfirmSignUp, its confirmation link, ConfirmForgotPassword) share
 * the same state (issue 15, [D] against the spec's 6.2 rule 8): a wrong code counts as a failure,
 * and while the user is locked out they answer {@code LimitExceededException} without checking
 * the code ({@link #requireUnlocked}, {@link #wrongCode}). A correct code clears nothing (a new
 * password from ConfirmForgotPassword does, as every password change).
 */
@Singleton
public class PasswordAttempts {

    /** Cognito's answer to a wrong password, and to an unknown user when the client hides them. */
    public static final String WRONG_CREDENTIALS = "Incorrect username or password.";

    private static final int PURGE_BATCH = 10_000;

    private final SignInFailureRepository failures;
    private final LockoutConfig config;
    private final Metrics metrics;
    private final Clock clock;
    private final Vertx vertx;
    private final PeriodicTask purgeTimer = new PeriodicTask("sign-in failures", "stale rows deleted", this::purge);

    public PasswordAttempts(SignInFailureRepository failures, LockoutConfig config, Metrics metrics, Clock clock,
            Vertx vertx) {
        this.failures = failures;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.vertx = vertx;
        purgeTimer.start(vertx, quietReset());
    }

    @PreDestroy
    void stop() {
        purgeTimer.stop(vertx);
    }

    /**
     * Deletes every row that counts as no failures any more, a batch at a time.
     *
     * @return how many rows were deleted
     */
    Uni<Integer> purge() {
        Instant now = clock.instant();
        return failures.purge(now.minus(quietReset()), now, PURGE_BATCH).chain(deleted -> deleted < PURGE_BATCH
                ? Uni.createFrom().item(deleted) : purge().map(more -> deleted + more));
    }

    private Duration quietReset() {
        return Duration.ofMinutes(Math.max(1, config.quietResetMinutes()));
    }

    /**
     * Checks a user's password (sign-in, and any later operation that asks for the current
     * password): counts the attempt, checks the password off the event loop, and forgets the
     * failures when it matches. Call it after the checks that come before the password (client,
     * secret hash, user, disabled).
     *
     * @throws NotAuthorizedException (as the Uni's failure) {@code Password attempts exceeded},
     *         with Retry-After, while the user is locked out (the password is not checked), or
     *         {@value #WRONG_CREDENTIALS} for a wrong password or a user without one
     */
    public Uni<Void> verify(Pool pool, PoolUser user, String password) {
        String subject = user.sub().toString();
        return claim(pool.id(), subject)
                .chain(() -> Passwords.matches(password, user.passwordHash()))
                .chain(ok -> {
                    if (ok) {
                        metrics.passwordCheck("match");
                        return failures.clear(pool.id(), subject);
                    }
                    metrics.passwordCheck(user.passwordHash() == null ? "no_password" : "mismatch");
                    return Uni.createFrom().failure(new NotAuthorizedException(WRONG_CREDENTIALS));
                });
    }

    /**
     * A password sign-in with a name that matches no user, for a client that hides user existence:
     * counted under the name (the pool's key of it) exactly like a user's attempts, so that neither
     * the answers nor their timing tell that the user does not exist.
     *
     * @throws NotAuthorizedException (as the Uni's failure, always) {@code Password attempts
     *         exceeded} while the name is locked out, else {@value #WRONG_CREDENTIALS} after the
     *         same bcrypt work as a real check
     */
    public <T> Uni<T> verifyUnknown(Pool pool, String name, String password) {
        return claim(pool.id(), "name:" + pool.key(name))
                .chain(() -> spendUnknown(password))
                .chain(() -> Uni.createFrom().failure(new NotAuthorizedException(WRONG_CREDENTIALS)));
    }

    /**
     * The bcrypt work of a real check, for a name that matches no user where the answer already
     * says so (the caller then answers UserNotFoundException): uncounted, so timing stays the same
     * as for a real user.
     */
    public Uni<Void> spendUnknown(String password) {
        return Passwords.matches(password, null).invoke(ignored -> metrics.passwordCheck("unknown_user"))
                .replaceWithVoid();
    }

    /**
     * Before a code check by username: refuses while the user is locked out of sign-in, changing
     * nothing.
     *
     * @throws LimitExceededException (as the Uni's failure) {@value AttemptLimits#MESSAGE}, with the
     *         seconds left in the lockout as Retry-After
     */
    public Uni<Void> requireUnlocked(Pool pool, PoolUser user) {
        Instant now = clock.instant();
        return failures.lockedUntil(pool.id(), user.sub().toString()).chain(until -> {
            if (until == null || !until.isAfter(now)) {
                return Uni.createFrom().voidItem();
            }
            return Uni.createFrom().failure(new LimitExceededException(AttemptLimits.MESSAGE,
                    Math.max(1, secondsUntil(now, until))));
        });
    }

    /** A wrong code in a check by username: counted as a failed sign-in of the user (see the class comment). */
    public Uni<Void> wrongCode(Pool pool, PoolUser user) {
        Instant now = clock.instant();
        return failures.claim(pool.id(), user.sub().toString(), now, Math.max(1, config.threshold()),
                Math.max(1, config.maxSeconds()), quietReset()).replaceWithVoid();
    }

    /** Counts one attempt, or fails with Password attempts exceeded while the subject is locked out. */
    private Uni<Void> claim(String poolId, String subject) {
        Instant now = clock.instant();
        return failures.claim(poolId, subject, now, Math.max(1, config.threshold()), Math.max(1, config.maxSeconds()),
                quietReset()).chain(claimed -> {
                    if (claimed != null) {
                        return Uni.createFrom().voidItem();
                    }
                    metrics.passwordCheck("locked_out");
                    return failures.lockedUntil(poolId, subject).chain(until -> Uni.createFrom()
                            .failure(NotAuthorizedException.passwordAttemptsExceeded(secondsUntil(now, until))));
                });
    }

    /** Whole seconds from now until the instant, rounded up (0 when it has passed or is unknown). */
    static long secondsUntil(Instant now, Instant until) {
        if (until == null || !until.isAfter(now)) {
            return 0;
        }
        long millis = Duration.between(now, until).toMillis();
        return (millis + 999) / 1000;
    }
}
