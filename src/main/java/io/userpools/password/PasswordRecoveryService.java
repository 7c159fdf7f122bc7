package io.userpools.password;

import io.userpools.history.Provenance;
import io.userpools.history.Provenances;
import io.userpools.user.UserWriter;
import io.smallrye.mutiny.Uni;
import io.userpools.auth.PublicClients;
import io.userpools.common.error.CodeMismatchException;
import io.userpools.common.error.CognitoException;
import io.userpools.common.error.ExpiredCodeException;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.error.NotAuthorizedException;
import io.userpools.common.error.ResourceNotFoundException;
import io.userpools.common.error.UserNotFoundException;
import io.userpools.lockout.PasswordAttempts;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolService;
import io.userpools.trigger.TriggerSource;
import io.userpools.user.PasswordPolicyCheck;
import io.userpools.user.Passwords;
import io.userpools.user.PoolUser;
import io.userpools.user.UserAccountRepository;
import io.userpools.user.UserLookup;
import io.userpools.user.UserRepository;
import io.userpools.user.UserStatus;
import io.userpools.verification.AttemptLimits;
import io.userpools.verification.AttemptRepository;
import io.userpools.verification.CodeDeliveryDetails;
import io.userpools.verification.CodeIssuer;
import io.userpools.verification.CodeRepository;
import io.userpools.verification.StoredCode;
import io.userpools.verification.VerificationService;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

/**
 * ForgotPassword, ConfirmForgotPassword (public, by app client) and AdminResetUserPassword, as
 * lifecycle spec 4.1, 4.2 and 4.4 order them. A reset code is six digits, valid one hour, stored
 * as an HMAC only (in verification_codes under {@link ResetChannel#PURPOSE}, bound to the channel
 * it went to), single use, and burned by its fifth wrong try. ForgotPassword and
 * ConfirmForgotPassword share 10 calls per user and hour. Each code goes through the custom
 * message trigger ({@code CustomMessage_ForgotPassword}) and the outbox, in the transaction that
 * stores it.
 */
@Singleton
public class PasswordRecoveryService {

    public static final String UNKNOWN = "Username/client id combination not found.";
    public static final String CANNOT_RESET = "User password cannot be reset in the current state.";
    public static final String DISABLED = "User is disabled.";
    /** ForgotPassword in a pool whose recovery is {@code admin_only} (lifecycle spec 4.1 step 2). */
    public static final String ADMIN_ONLY = "Contact administrator to reset password.";
    /** AdminResetUserPassword in such a pool (lifecycle spec 4.4 step 2, [D] text). */
    public static final String NO_SELF_SERVICE = "Self-service account recovery is not configured for this user pool.";
    /** Reset codes are valid for one hour (lifecycle spec 1.2). */
    public static final Duration VALIDITY = Duration.ofHours(1);
    /** The wrong try that burns a code. */
    public static final int MAX_MISSES = 5;

    private enum Outcome { DONE, EXPIRED, MISMATCH }

    private final PublicClients gate;
    private final PoolService pools;
    private final UserLookup lookup;
    private final UserRepository users;
    private final UserAccountRepository accounts;
    private final CodeRepository codes;
    private final AttemptRepository attempts;
    private final CodeIssuer issuer;
    private final ResetRepository resets;
    private final PasswordHistory history;
    private final PasswordsConfig config;
    private final Provenances provenances;
    private final UserWriter writer;
    private final PasswordAttempts lockout;
    private final Clock clock;

    public PasswordRecoveryService(PublicClients gate, PoolService pools, UserLookup lookup, UserRepository users,
            UserAccountRepository accounts, CodeRepository codes, AttemptRepository attempts, CodeIssuer issuer,
            ResetRepository resets, PasswordHistory history, PasswordsConfig config, UserWriter writer,
            Provenances provenances, PasswordAttempts lockout, Clock clock) {
        this.provenances = provenances;
        this.lockout = lockout;
        this.writer = writer;
        this.gate = gate;
        this.pools = pools;
        this.lookup = lookup;
        this.users = users;
        this.accounts = accounts;
        this.codes = codes;
        this.attempts = attempts;
        this.issuer = issuer;
        this.resets = resets;
        this.history = history;
        this.config = config;
        this.clock = clock;
    }

    /**
     * ForgotPassword: a reset code to the first verified channel of the pool's recovery setting
     * (without one: the verified phone number, else the verified email). The
     * status does not change; the old password keeps working until the reset is confirmed. A
     * client with PreventUserExistenceErrors ENABLED gets simulated delivery details, and nothing
     * is sent, for an unknown, disabled or FORCE_CHANGE_PASSWORD user or one without a channel.
     *
     * @throws ResourceNotFoundException  for an unknown client
     * @throws NotAuthorizedException     for a missing or wrong secret hash, a pool whose recovery is
     *                                    {@code admin_only}, a disabled user, or a user in FORCE_CHANGE_PASSWORD
     * @throws UserNotFoundException      for an unknown user
     * @throws InvalidParameterException  when the user has no verified email or phone number
     * @throws io.userpools.common.error.LimitExceededException after 10 resets or confirmations in the hour
     * @throws io.userpools.common.error.UserLambdaValidationException and the other trigger and channel failures
     */
    public Uni<CodeDeliveryDetails> forgotPassword(ForgotPasswordCommand command) {
        return gate.clientAndPool(command.clientId()).flatMap(cp -> {
            gate.requireSecretHash(cp.client(), command.secretHash(), command.username());
            if (adminOnly(cp.pool())) {
                throw new NotAuthorizedException(ADMIN_ONLY);
            }
            boolean hide = cp.client().settings().hidesUserExistence();
            return lookup.resolve(users.pool(), cp.pool(), command.username(), false)
                    .onFailure(UserNotFoundException.class).recoverWithUni(e -> hide ? Uni.createFrom().nullItem()
                            : Uni.createFrom().failure(new UserNotFoundException(UNKNOWN)))
                    .flatMap(user -> {
                        Map<String, String> channel = user == null ? Map.of()
                                : ResetChannel.of(cp.pool().settings().accountRecovery(), user.attributes());
                        CognitoException refused = user == null ? null : refusal(user, channel, false);
                        if (user == null || refused != null) {
                            if (hide) {
                                return Uni.createFrom().item(simulated(cp.pool(), command.username()));
                            }
                            throw refused;
                        }
                        Instant now = clock.instant();
                        return hourly(cp.pool(), user, now).flatMap(w -> issue(cp.pool(), user, channel,
                                cp.client().clientId(), command.clientMetadata(), null));
                    });
        });
    }

    /**
     * ConfirmForgotPassword: checks the reset code, then the new password against the pool's
     * policy, and sets it: status CONFIRMED, code used, sign-in failures forgotten. A refused
     * password leaves the code usable. Sessions are kept (lifecycle spec 4.5) unless
     * {@code userpools.revoke-sessions-on-password-change} says otherwise.
     *
     * @throws ResourceNotFoundException for an unknown client
     * @throws NotAuthorizedException    for a missing or wrong secret hash or a disabled user
     * @throws UserNotFoundException     for an unknown user (CodeMismatch when the client hides users)
     * @throws io.userpools.common.error.LimitExceededException after 10 resets or confirmations in the hour,
     *         or while the user is locked out of sign-in (a wrong code counts as a failed sign-in; the
     *         new password clears the lockout)
     * @throws ExpiredCodeException      no code, a used, burned or expired one, or one sent to a
     *                                   channel the user no longer has
     * @throws CodeMismatchException     a wrong code (the fifth burns it)
     * @throws io.userpools.common.error.InvalidPasswordException when the password breaks the policy
     * @throws io.userpools.common.error.PasswordHistoryPolicyViolationException when it is one of the last n
     */
    public Uni<Void> confirmForgotPassword(ConfirmForgotPasswordCommand command) {
        Provenance by = provenances.user("ConfirmForgotPassword", command.clientId());
        return gate.clientAndPool(command.clientId()).flatMap(cp -> {
            gate.requireSecretHash(cp.client(), command.secretHash(), command.username());
            boolean hide = cp.client().settings().hidesUserExistence();
            return lookup.resolve(users.pool(), cp.pool(), command.username(), false)
                    .onFailure(UserNotFoundException.class).transform(e -> hide
                            ? new CodeMismatchException(VerificationService.MISMATCH) : new UserNotFoundException(UNKNOWN))
                    .flatMap(user -> {
                        if (!user.enabled()) {
                            throw hide ? new CodeMismatchException(VerificationService.MISMATCH)
                                    : new NotAuthorizedException(DISABLED);
                        }
                        Instant now = clock.instant();
                        return lockout.requireUnlocked(cp.pool(), user)
                                .chain(() -> hourly(cp.pool(), user, now))
                                .flatMap(w -> users.pool().withTransaction(sql ->
                                        confirmLocked(sql, cp.pool(), user.sub(), command, now, by)))
                                .call(outcome -> outcome == Outcome.MISMATCH ? lockout.wrongCode(cp.pool(), user)
                                        : Uni.createFrom().voidItem());
                    })
                    .map(outcome -> switch (outcome) {
                        case EXPIRED -> throw new ExpiredCodeException(VerificationService.EXPIRED);
                        case MISMATCH -> throw new CodeMismatchException(VerificationService.MISMATCH);
                        case DONE -> null;
                    });
        }).replaceWithVoid();
    }

    private Uni<Outcome> confirmLocked(SqlClient sql, Pool pool, UUID sub, ConfirmForgotPasswordCommand command,
            Instant now, Provenance by) {
        return users.findBySub(sql, pool.id(), sub, true).onItem().ifNull().failWith(UserLookup::notFound)
                .flatMap(user -> codes.find(sql, pool.id(), sub, ResetChannel.PURPOSE, true).flatMap(stored -> {
                    if (stored == null || stored.spentOrExpired(now)
                            || !ResetChannel.stillReaches(stored.targetValue(), user.attributes())) {
                        return Uni.createFrom().item(Outcome.EXPIRED);
                    }
                    if (!issuer.hasher().matches(stored.codeHmac(), pool.id(), sub, ResetChannel.PURPOSE,
                            stored.targetValue(), command.code())) {
                        return miss(sql, stored, now).replaceWith(Outcome.MISMATCH);
                    }
                    PasswordPolicyCheck.check(pool.settings().passwordPolicy(), command.password());
                    return history.check(sql, pool, user, command.password())
                            .flatMap(v -> Passwords.hash(command.password()))
                            .flatMap(hash -> writer.setPassword(sql, user, hash, UserStatus.CONFIRMED, now, by))
                            .flatMap(v -> history.replaced(sql, pool, user, now))
                            .flatMap(v -> codes.consume(sql, pool.id(), sub, ResetChannel.PURPOSE, now))
                            .flatMap(v -> resets.forgetMisses(sql, pool.id(), sub))
                            .flatMap(v -> config.revokeSessionsOnPasswordChange()
                                    ? resets.revokeSessions(sql, pool.id(), sub, null, now)
                                    : Uni.createFrom().voidItem())
                            .replaceWith(Outcome.DONE);
                }));
    }

    /** Counts a wrong try; the fifth burns the code, so that later tries answer ExpiredCode. */
    private Uni<Void> miss(SqlClient sql, StoredCode stored, Instant now) {
        return resets.miss(sql, stored.poolId(), stored.sub(), stored.createdAt()).flatMap(misses -> misses >= MAX_MISSES
                ? codes.consume(sql, stored.poolId(), stored.sub(), ResetChannel.PURPOSE, now)
                : Uni.createFrom().voidItem());
    }

    /**
     * AdminResetUserPassword: the user's status becomes RESET_REQUIRED (the current password no
     * longer signs in, nor do its refresh tokens) and a reset code goes to the verified channel,
     * through the trigger with no client ({@code CLIENT_ID_NOT_APPLICABLE}). A user already in
     * RESET_REQUIRED gets a fresh code. The user finishes with ConfirmForgotPassword.
     *
     * @throws ResourceNotFoundException for an unknown pool
     * @throws UserNotFoundException     when nothing matches the name
     * @throws NotAuthorizedException    for a disabled user, or one in FORCE_CHANGE_PASSWORD or UNCONFIRMED
     * @throws InvalidParameterException when the pool's recovery is {@code admin_only}, or the user has no
     *                                   verified email or phone number its recovery setting allows
     * @throws io.userpools.common.error.UserLambdaValidationException and the other trigger and channel failures
     */
    public Uni<Void> adminResetUserPassword(String poolId, String name, Map<String, String> clientMetadata) {
        Provenance by = provenances.admin("AdminResetUserPassword");
        return pools.get(poolId).flatMap(pool -> lookup.resolve(users.pool(), pool, name, false).flatMap(user -> {
            if (adminOnly(pool)) {
                throw new InvalidParameterException(NO_SELF_SERVICE);
            }
            Map<String, String> channel = ResetChannel.of(pool.settings().accountRecovery(), user.attributes());
            CognitoException refused = refusal(user, channel, true);
            if (refused != null) {
                throw refused;
            }
            return issue(pool, user, channel, null, clientMetadata, by);
        })).replaceWithVoid();
    }

    private static boolean adminOnly(Pool pool) {
        return pool.settings().accountRecovery() != null && pool.settings().accountRecovery().adminOnly();
    }

    /** Why this user may not get a reset code, or null (lifecycle spec 4.1 steps 3-5, 4.4 steps 3-5). */
    private static CognitoException refusal(PoolUser user, Map<String, String> channel, boolean admin) {
        if (!user.enabled()) {
            return new NotAuthorizedException(DISABLED);
        }
        if (user.status() == UserStatus.FORCE_CHANGE_PASSWORD || admin && user.status() == UserStatus.UNCONFIRMED) {
            return new NotAuthorizedException(CANNOT_RESET);
        }
        if (channel.isEmpty()) {
            return new InvalidParameterException(ResetChannel.NO_CHANNEL);
        }
        return null;
    }

    private Uni<CodeDeliveryDetails> issue(Pool pool, PoolUser user, Map<String, String> channel, String clientId,
            Map<String, String> clientMetadata, Provenance requireResetBy) {
        return issuer.prepare(pool, ResetChannel.messaging(pool.settings().messaging()), user, user.attributes(),
                        channel, TriggerSource.CustomMessage_ForgotPassword, clientId, clientMetadata)
                .map(prepared -> prepared.stream().map(p -> new CodeIssuer.Prepared(ResetChannel.PURPOSE,
                        ResetChannel.target(p.attribute(), p.target()), p.code(), p.message(), p.details())).toList())
                .flatMap(prepared -> users.pool().withTransaction(sql -> {
                    Uni<Void> status = requireResetBy == null ? Uni.createFrom().voidItem()
                            : users.findBySub(sql, pool.id(), user.sub(), true)
                                    .onItem().ifNull().failWith(UserLookup::notFound)
                                    .flatMap(locked -> writer.requireReset(sql, locked, clock.instant(), requireResetBy));
                    return status.flatMap(v -> issuer.write(sql, pool, user, prepared, VALIDITY));
                }))
                .invoke(issuer::afterCommit)
                .map(details -> details.get(0));
    }

    private Uni<AttemptRepository.Window> hourly(Pool pool, PoolUser user, Instant now) {
        return attempts.hit(users.pool(), pool.id(), user.sub(), AttemptLimits.PASSWORD_RESET, now)
                .invoke(w -> AttemptLimits.PASSWORD_RESET.check(w.attempts(), w.start(), now));
    }

    private CodeDeliveryDetails simulated(Pool pool, String username) {
        byte[] mac = issuer.hasher().hmac(pool.id(), new UUID(0, 0), "simulated_delivery", pool.key(username), "");
        return ResetChannel.simulated(pool, username, Arrays.copyOfRange(mac, mac.length - 16, mac.length));
    }



}
