package io.userpools.password;

import io.userpools.history.Provenance;
import io.userpools.history.Provenances;
import io.userpools.user.UserWriter;
import io.smallrye.mutiny.Uni;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.error.NotAuthorizedException;
import io.userpools.lockout.PasswordAttempts;
import io.userpools.pool.Pool;
import io.userpools.user.PasswordPolicyCheck;
import io.userpools.user.Passwords;
import io.userpools.user.UserAccountRepository;
import io.userpools.user.UserLookup;
import io.userpools.user.UserRepository;
import io.userpools.verification.AttemptLimits;
import io.userpools.verification.AttemptRepository;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * ChangePassword for a signed-in user (lifecycle spec 4.3): 5 calls per user and hour, right or
 * wrong. The previous password is checked under the sign-in lockout (issue 15: the lockout covers
 * ChangePassword), which departs from the spec's [D] of 4.3 (4) and 6.2 (8): a wrong previous
 * password counts as a failed sign-in, and while the user is locked out ChangePassword answers
 * {@code Password attempts exceeded} without checking it. The new password forgets earlier
 * sign-in failures. Sessions are kept (spec 4.5) unless
 * {@code userpools.revoke-sessions-on-password-change} is set, which spares the calling session.
 */
@Singleton
public class PasswordChangeService {

    public static final String MISSING_PREVIOUS = "Missing required parameter PreviousPassword";

    private final UserRepository users;
    private final UserAccountRepository accounts;
    private final AttemptRepository attempts;
    private final ResetRepository resets;
    private final PasswordAttempts passwords;
    private final PasswordHistory history;
    private final PasswordsConfig config;
    private final Provenances provenances;
    private final UserWriter writer;
    private final Clock clock;

    public PasswordChangeService(UserRepository users, UserAccountRepository accounts, AttemptRepository attempts,
            ResetRepository resets, PasswordAttempts passwords, PasswordHistory history, PasswordsConfig config,
            UserWriter writer, Provenances provenances, Clock clock) {
        this.provenances = provenances;
        this.writer = writer;
        this.users = users;
        this.accounts = accounts;
        this.attempts = attempts;
        this.resets = resets;
        this.passwords = passwords;
        this.history = history;
        this.config = config;
        this.clock = clock;
    }

    /**
     * ChangePassword, after the access token's checks.
     *
     * @param clientId  the token's app client (the actor history records, with the user)
     * @param sub       the token's user
     * @param session   the token's session ({@code origin_jti}), spared when sessions are revoked
     * @param previous  the current password; required
     * @param proposed  the new password, checked against the pool's policy
     * @throws InvalidParameterException without a previous password
     * @throws io.userpools.common.error.LimitExceededException after 5 calls in the hour
     * @throws NotAuthorizedException    {@code Incorrect username or password.} for a wrong previous password
     *                                   (counted as a failed sign-in), {@code Password attempts exceeded}
     *                                   while the user is locked out of sign-in
     * @throws io.userpools.common.error.InvalidPasswordException when the new password breaks the policy
     * @throws io.userpools.common.error.PasswordHistoryPolicyViolationException when it is one of the last n
     * @throws io.userpools.common.error.UserNotFoundException when the user is gone
     */
    public Uni<Void> changePassword(Pool pool, String clientId, UUID sub, UUID session, String previous,
            String proposed) {
        Provenance by = provenances.user("ChangePassword", clientId);
        return Uni.createFrom().deferred(() -> {
            if (previous == null) {
                throw new InvalidParameterException(MISSING_PREVIOUS);
            }
            Instant now = clock.instant();
            return attempts.hit(users.pool(), pool.id(), sub, AttemptLimits.CHANGE_PASSWORD, now)
                    .invoke(w -> AttemptLimits.CHANGE_PASSWORD.check(w.attempts(), w.start(), now))
                    .flatMap(w -> users.findBySub(users.pool(), pool.id(), sub, false))
                    .onItem().ifNull().failWith(UserLookup::notFound)
                    .flatMap(user -> passwords.verify(pool, user, previous).flatMap(checked -> {
                        PasswordPolicyCheck.check(pool.settings().passwordPolicy(), proposed);
                        return history.check(accounts.pool(), pool, user, proposed).flatMap(v -> Passwords.hash(proposed));
                    }).flatMap(hash -> accounts.pool().withTransaction(sql -> users.findBySub(sql, pool.id(), sub, true)
                            .onItem().ifNull().failWith(UserLookup::notFound)
                            .flatMap(locked -> {
                                if (!Objects.equals(locked.passwordHash(), user.passwordHash())) {
                                    // changed by another call since the check: the previous password is stale
                                    throw new NotAuthorizedException(PasswordAttempts.WRONG_CREDENTIALS);
                                }
                                return writer.setPassword(sql, locked, hash, locked.status(), now, by)
                                        .flatMap(v -> history.replaced(sql, pool, locked, now));
                            })
                            .flatMap(v -> config.revokeSessionsOnPasswordChange()
                                    ? resets.revokeSessions(sql, pool.id(), sub, session, now)
                                    : Uni.createFrom().voidItem()))));
        });
    }
}
