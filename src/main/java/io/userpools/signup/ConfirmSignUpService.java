package io.userpools.signup;

import io.smallrye.mutiny.Uni;
import io.userpools.attribute.AttributePolicy;
import io.userpools.attribute.UpdatePlan;
import io.userpools.auth.PublicClients;
import io.userpools.client.Client;
import io.userpools.common.error.CodeMismatchException;
import io.userpools.common.error.ExpiredCodeException;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.error.NotAuthorizedException;
import io.userpools.common.error.ResourceNotFoundException;
import io.userpools.common.error.UserNotFoundException;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.history.Provenance;
import io.userpools.history.Provenances;
import io.userpools.lockout.PasswordAttempts;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolService;
import io.userpools.user.PoolUser;
import io.userpools.user.UserLookup;
import io.userpools.user.UserRepository;
import io.userpools.user.UserStatus;
import io.userpools.user.UserWriter;
import io.userpools.verification.AttemptLimits;
import io.userpools.verification.AttemptRepository;
import io.userpools.verification.CodeCheck;
import io.userpools.verification.CodeIssuer;
import io.userpools.verification.CodeRepository;
import io.userpools.verification.StoredCode;
import io.userpools.verification.VerificationService;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * ConfirmSignUp (public, by app client, or from the link of a CONFIRM_WITH_LINK email) and
 * AdminConfirmSignUp (lifecycle 3.2, 3.4, 8.4): an UNCONFIRMED user becomes CONFIRMED with the
 * right sign-up code (the attribute that received it verified, its alias taken or moved) or by an
 * admin. Codes live 24 hours, 5 wrong tries burn one, and each user may try 15 confirmations an
 * hour. A wrong code also counts in the user's sign-in lockout, and a locked-out user's
 * confirmations are refused unchecked ({@link PasswordAttempts}). Every change to the user goes
 * through {@link UserWriter} with a plan of {@link AttributePolicy}.
 */
@Singleton
public class ConfirmSignUpService {

    private final PublicClients gate;
    private final PoolService pools;
    private final UserRepository users;
    private final UserLookup lookup;
    private final UserWriter writer;
    private final CodeIssuer issuer;
    private final CodeRepository codes;
    private final AttemptRepository attempts;
    private final Provenances provenances;
    private final PasswordAttempts lockout;
    private final Clock clock;

    public ConfirmSignUpService(PublicClients gate, PoolService pools, UserRepository users, UserLookup lookup,
            UserWriter writer, CodeIssuer issuer, CodeRepository codes, AttemptRepository attempts,
            Provenances provenances, PasswordAttempts lockout, Clock clock) {
        this.gate = gate;
        this.pools = pools;
        this.users = users;
        this.lookup = lookup;
        this.writer = writer;
        this.issuer = issuer;
        this.codes = codes;
        this.attempts = attempts;
        this.provenances = provenances;
        this.lockout = lockout;
        this.clock = clock;
    }

    /**
     * ConfirmSignUp: with the live code of an UNCONFIRMED user, the user becomes CONFIRMED, the
     * attribute that received the code verified and its alias active (moved from another holder
     * with {@code forceAliasCreation}); the code is used up.
     *
     * @throws ResourceNotFoundException for an unknown client
     * @throws NotAuthorizedException    for a bad secret hash, a user not UNCONFIRMED or disabled
     * @throws UserNotFoundException     for an unknown user (CodeMismatch when the client hides existence)
     * @throws io.userpools.common.error.LimitExceededException after 15 tries in the hour, or while
     *         the user is locked out of sign-in (a wrong code counts as a failed sign-in)
     * @throws ExpiredCodeException      when no live code exists (never sent, used, superseded, burned, expired)
     * @throws CodeMismatchException     for a wrong code (the fifth burns it)
     * @throws io.userpools.common.error.AliasExistsException when the value is another user's
     *         verified alias and the alias is not forced
     */
    public Uni<Void> confirm(ConfirmSignUpCommand command) {
        Provenance by = confirmedBy();
        return gate.clientAndPool(command.clientId()).flatMap(cp -> {
            gate.requireSecretHash(cp.client(), command.secretHash(), command.username());
            return confirm(cp.pool(), cp.client(), command, by);
        });
    }

    /**
     * ConfirmSignUp from the link of a CONFIRM_WITH_LINK email (lifecycle spec 8.4): as
     * {@link #confirm(ConfirmSignUpCommand)} without the alias forced, for a client of the named
     * pool, and without a secret hash (the link cannot carry one; the mailed code is the proof).
     * The client and the pool's rate limit are checked as for every client-id operation
     * ({@link PublicClients}).
     *
     * @throws ResourceNotFoundException for an unknown pool, or a client that is not the pool's
     * @throws InvalidParameterException for a missing client, username or code
     * @see #confirm(ConfirmSignUpCommand) for the rest
     */
    public Uni<Void> confirmByLink(String poolId, String clientId, String username, String code) {
        Provenance by = confirmedBy();
        return Uni.createFrom().deferred(() -> {
            if (clientId == null || clientId.isBlank() || username == null || username.isBlank()) {
                throw new InvalidParameterException("The link is incomplete: client_id, user_name and "
                        + "confirmation_code are required.");
            }
            return gate.clientAndPool(clientId, poolId).flatMap(cp -> confirm(cp.pool(), cp.client(),
                    new ConfirmSignUpCommand(clientId, null, username, code, false), by));
        });
    }

    /** Taken on the request's thread (it reads the request id). */
    private Provenance confirmedBy() {
        return provenances.service("ConfirmSignUp", VerificationService.CODE_VERIFICATION);
    }

    private Uni<Void> confirm(Pool pool, Client client, ConfirmSignUpCommand command, Provenance by) {
        if (command.code() == null || command.code().isBlank()) {
            throw InvalidParameterException.detected("confirmationCode", RequestConstraints.pattern("[\\S]+"));
        }
        boolean hides = client.settings().hidesUserExistence();
        return lookup.resolve(users.pool(), pool, command.username(), false)
                .onFailure(UserNotFoundException.class).transform(e -> hides
                        ? new CodeMismatchException(VerificationService.MISMATCH)
                        : new UserNotFoundException(SignUpCodes.UNKNOWN))
                .flatMap(user -> {
                    requireUnconfirmed(user);
                    if (!user.enabled()) {
                        throw hides ? new CodeMismatchException(VerificationService.MISMATCH)
                                : new NotAuthorizedException("User is disabled.");
                    }
                    Instant now = clock.instant();
                    return lockout.requireUnlocked(pool, user)
                            .chain(() -> attempts.hit(users.pool(), pool.id(), user.sub(),
                                    AttemptLimits.CONFIRM_SIGN_UP, now))
                            .invoke(w -> AttemptLimits.CONFIRM_SIGN_UP.check(w.attempts(), w.start(), now))
                            .flatMap(w -> users.pool().withTransaction(sql -> confirmLocked(sql, pool,
                                    user.sub(), command, now, by)))
                            .call(outcome -> outcome == CodeCheck.Outcome.MISMATCH ? lockout.wrongCode(pool, user)
                                    : Uni.createFrom().voidItem());
                })
                .map(outcome -> switch (outcome) {
                    case MISMATCH -> throw new CodeMismatchException(VerificationService.MISMATCH);
                    case CONFIRM_ACTIVE -> (Void) null;
                    default -> throw new ExpiredCodeException(VerificationService.EXPIRED);
                });
    }

    private Uni<CodeCheck.Outcome> confirmLocked(SqlClient sql, Pool pool, UUID sub, ConfirmSignUpCommand command,
            Instant now, Provenance by) {
        return users.findBySub(sql, pool.id(), sub, true).onItem().ifNull().failWith(UserLookup::notFound)
                .flatMap(user -> {
                    requireUnconfirmed(user);
                    return liveCode(sql, pool, sub, SignUpCodes.CHANNELS).flatMap(stored -> {
                        String attribute = stored == null ? null
                                : stored.attribute().substring(SignUpCodes.PURPOSE.length());
                        boolean matches = stored != null && issuer.hasher().matches(stored.codeHmac(), pool.id(), sub,
                                stored.attribute(), stored.targetValue(), command.code());
                        CodeCheck.Outcome outcome = CodeCheck.decide(stored, matches,
                                attribute == null ? null : user.attributes().get(attribute), null, now);
                        return switch (outcome) {
                            case MISMATCH -> codes.recordMismatch(sql, pool.id(), sub, stored.attribute(),
                                    SignUpCodes.MAX_WRONG, now).replaceWith(outcome);
                            case CONFIRM_ACTIVE -> {
                                UpdatePlan plan = AttributePolicy.planConfirmSignUp(pool, user.attributes(),
                                        user.pending(), attribute, command.forceAliasCreation());
                                yield writer.apply(sql, pool, user, plan.change(UserStatus.CONFIRMED), now, by)
                                        .flatMap(confirmed -> codes.consume(sql, pool.id(), sub, stored.attribute(),
                                                now))
                                        .replaceWith(outcome);
                            }
                            default -> Uni.createFrom().item(CodeCheck.Outcome.EXPIRED);
                        };
                    });
                });
    }

    /** The user's sign-up code, whichever channel it went to (a new one replaces the other), or null. */
    private Uni<StoredCode> liveCode(SqlClient sql, Pool pool, UUID sub, List<String> channels) {
        if (channels.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return codes.find(sql, pool.id(), sub, SignUpCodes.key(channels.get(0)), true)
                .flatMap(found -> found != null ? Uni.createFrom().item(found)
                        : liveCode(sql, pool, sub, channels.subList(1, channels.size())));
    }

    /**
     * AdminConfirmSignUp: an UNCONFIRMED user becomes CONFIRMED; no attribute becomes verified, no
     * alias is created, and any live sign-up code is dropped (lifecycle 3.4).
     *
     * @throws ResourceNotFoundException for an unknown pool
     * @throws UserNotFoundException     when the name designates nobody
     * @throws NotAuthorizedException    when the user is not UNCONFIRMED
     */
    public Uni<Void> adminConfirm(String poolId, String username) {
        Provenance by = provenances.admin("AdminConfirmSignUp");
        return pools.get(poolId).flatMap(pool -> users.pool().withTransaction(sql ->
                lookup.resolve(sql, pool, username, true).flatMap(user -> {
                    requireUnconfirmed(user);
                    UpdatePlan plan = AttributePolicy.planConfirmSignUp(pool, user.attributes(), user.pending(),
                            null, false);
                    return SignUpCodes.drop(codes, sql, pool, user.sub())
                            .flatMap(v -> writer.apply(sql, pool, user, plan.change(UserStatus.CONFIRMED),
                                    clock.instant(), by));
                }))).replaceWithVoid();
    }

    private static void requireUnconfirmed(PoolUser user) {
        if (user.status() != UserStatus.UNCONFIRMED) {
            throw new NotAuthorizedException("User cannot be confirmed. Current status is " + user.status().name());
        }
    }
}
