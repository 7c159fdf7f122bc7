package io.userpools.signup;

import io.userpools.history.Provenance;
import io.userpools.history.Provenances;
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
import io.userpools.common.error.UsernameExistsException;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.lockout.PasswordAttempts;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolService;
import io.userpools.trigger.TriggerSource;
import io.userpools.user.NewUsers;
import io.userpools.user.PasswordPolicyCheck;
import io.userpools.user.Passwords;
import io.userpools.user.PoolUser;
import io.userpools.user.UserChange;
import io.userpools.user.UserLookup;
import io.userpools.user.UserRepository;
import io.userpools.user.UserStatus;
import io.userpools.user.UserWriter;
import io.userpools.verification.AttemptLimits;
import io.userpools.verification.AttemptRepository;
import io.userpools.verification.CodeCheck;
import io.userpools.verification.CodeDeliveryDetails;
import io.userpools.verification.CodeIssuer;
import io.userpools.verification.CodeRepository;
import io.userpools.verification.StoredCode;
import io.userpools.verification.VerificationService;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SignUp, ConfirmSignUp, ResendConfirmationCode (public, by app client) and AdminConfirmSignUp
 * (lifecycle 2, 3): a user signs up UNCONFIRMED, gets a code on the first auto-verified attribute
 * it has (phone before email) through the custom message trigger and the outbox, and becomes
 * CONFIRMED with the right code (the attribute that received it verified, its alias taken or
 * moved) or by an admin. Codes live 24 hours, 5 wrong tries burn one, and each user may ask for 5
 * codes and try 15 confirmations an hour. A wrong code also counts in the user's sign-in lockout,
 * and a locked-out user's confirmations are refused unchecked ({@link PasswordAttempts}). Every change to the user goes through {@link UserWriter}
 * with a plan of {@link AttributePolicy}.
 */
@Singleton
public class SignUpService {

    /** The answer for an unknown user when the client does not hide user existence (lifecycle 2.2). */
    public static final String UNKNOWN = "Username/client id combination not found.";

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

    public SignUpService(PublicClients gate, PoolService pools, UserRepository users,
            UserLookup lookup, UserWriter writer, CodeIssuer issuer, CodeRepository codes, AttemptRepository attempts,
            Provenances provenances, PasswordAttempts lockout, Clock clock) {
        this.provenances = provenances;
        this.lockout = lockout;
        this.gate = gate;
        this.pools = pools;
        this.users = users;
        this.lookup = lookup;
        this.writer = writer;
        this.issuer = issuer;
        this.codes = codes;
        this.attempts = attempts;
        this.clock = clock;
    }


    /**
     * SignUp: a new UNCONFIRMED user with the given password and attributes, checked in
     * Cognito's order (client and secret hash, username form, password, attributes within the
     * client's write list, uniqueness), and a confirmation code when an auto-verified attribute
     * has a value. A refusal of the trigger or a missing channel creates nobody.
     *
     * @throws ResourceNotFoundException  for an unknown client
     * @throws NotAuthorizedException     for a missing or wrong secret hash, or (403) an attribute the
     *                                    client may not write
     * @throws InvalidParameterException  for a bad username, attributes or a missing password
     * @throws io.userpools.common.error.InvalidPasswordException when the password breaks the policy
     * @throws UsernameExistsException    when the username (or the username attribute) is taken
     * @throws io.userpools.common.error.UserLambdaValidationException and the other messaging
     *         failures of [B 2.1] when the code cannot be sent
     */
    public Uni<SignUpResult> signUp(SignUpCommand command) {
        Provenance by = provenances.user("SignUp", command.clientId());
        return gate.clientAndPool(command.clientId()).flatMap(cp -> {
            Pool pool = cp.pool();
            gate.requireSecretHash(cp.client(), command.secretHash(), command.username());
            if (pool.settings().invitations().allowAdminCreateUserOnly()) { // lifecycle spec 3.1 step 2, 5.4
                throw new NotAuthorizedException("SignUp is not permitted for this user pool");
            }
            UUID sub = UUID.randomUUID();
            Map<String, String> requested = command.attributes() == null ? Map.of() : command.attributes();
            Map<String, String> attributes = new LinkedHashMap<>(requested);
            String username = NewUsers.username(pool, command.username(), attributes, sub);
            checkPassword(pool, command.password());
            Map<String, String> stored = NewUsers.stored(attributes, sub);
            AttributePolicy.checkSignUp(pool, cp.client().permissions(), requested, stored);
            Instant now = clock.instant();
            return users.findByUsernameKey(users.pool(), pool.id(), pool.key(username), false).flatMap(existing -> {
                if (existing != null) {
                    throw new UsernameExistsException("User already exists");
                }
                return Passwords.hash(command.password());
            }).flatMap(hash -> {
                PoolUser user = new PoolUser(pool.id(), sub, username, UserStatus.UNCONFIRMED, true, hash, stored,
                        Map.of(), 1, now, now, null);
                String channel = SignUpCodes.channel(pool, stored);
                Map<String, String> target = channel == null ? Map.of() : Map.of(channel, stored.get(channel));
                UserChange change = AttributePolicy.planCreate(pool, UserStatus.UNCONFIRMED, stored, false);
                return issuer.prepareSignUp(pool, user, stored, target, TriggerSource.CustomMessage_SignUp,
                                cp.client().clientId(), command.clientMetadata())
                        .flatMap(prepared -> users.pool().withTransaction(sql -> writer.create(sql, pool, user,
                                        change, now, by)
                                .flatMap(created -> issuer.write(sql, pool, created, keyed(prepared)))))
                        .onFailure(e -> e instanceof UsernameExistsException
                                && UserWriter.USERNAME_TAKEN.equals(e.getMessage()))
                        .transform(e -> new UsernameExistsException("User already exists"))
                        .map(details -> {
                            if (!details.isEmpty()) {
                                issuer.afterCommit();
                            }
                            return new SignUpResult(false, sub, details.isEmpty() ? null : details.get(0));
                        });
            });
        });
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
        return gate.clientAndPool(command.clientId()).flatMap(cp -> {
            gate.requireSecretHash(cp.client(), command.secretHash(), command.username());
            return confirm(cp.pool(), cp.client(), command);
        });
    }

    /**
     * ConfirmSignUp from the link of a CONFIRM_WITH_LINK email (lifecycle spec 8.4): as
     * {@link #confirm(ConfirmSignUpCommand)} without the alias forced, for a client of the named
     * pool, and without a secret hash (the link cannot carry one; the mailed code is the proof).
     *
     * @throws ResourceNotFoundException for an unknown pool, or a client that is not the pool's
     * @throws InvalidParameterException for a missing client, username or code
     * @see #confirm(ConfirmSignUpCommand) for the rest
     */
    public Uni<Void> confirmByLink(String poolId, String clientId, String username, String code) {
        return Uni.createFrom().deferred(() -> {
            if (clientId == null || clientId.isBlank() || username == null || username.isBlank()) {
                throw new InvalidParameterException("The link is incomplete: client_id, user_name and "
                        + "confirmation_code are required.");
            }
            return gate.clientAndPool(clientId, poolId).flatMap(cp -> confirm(cp.pool(), cp.client(),
                    new ConfirmSignUpCommand(clientId, null, username, code, false)));
        });
    }

    private Uni<Void> confirm(Pool pool, Client client, ConfirmSignUpCommand command) {
        Provenance by = provenances.service("ConfirmSignUp", VerificationService.CODE_VERIFICATION);
        if (command.code() == null || command.code().isBlank()) {
            throw InvalidParameterException.detected("confirmationCode", RequestConstraints.pattern("[\\S]+"));
        }
        boolean hides = client.settings().hidesUserExistence();
        return lookup.resolve(users.pool(), pool, command.username(), false)
                .onFailure(UserNotFoundException.class).transform(e -> hides
                        ? new CodeMismatchException(VerificationService.MISMATCH) : new UserNotFoundException(UNKNOWN))
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
     * ResendConfirmationCode: a new sign-up code (superseding the old one) to the first
     * auto-verified attribute the UNCONFIRMED user has, through the custom message trigger
     * ({@code CustomMessage_ResendCode}) and the outbox.
     *
     * @throws ResourceNotFoundException for an unknown client
     * @throws NotAuthorizedException    for a bad secret hash
     * @throws UserNotFoundException     for an unknown user, unless the client hides user existence
     *                                   (then simulated details, nothing sent)
     * @throws InvalidParameterException when the user is confirmed, the pool verifies nothing
     *                                   automatically or the user has no value to send to
     * @throws io.userpools.common.error.LimitExceededException after 5 codes in the hour
     * @throws io.userpools.common.error.UserLambdaValidationException and the other messaging failures
     */
    public Uni<CodeDeliveryDetails> resend(ResendConfirmationCodeCommand command) {
        return gate.clientAndPool(command.clientId()).flatMap(cp -> {
            Pool pool = cp.pool();
            Client client = cp.client();
            gate.requireSecretHash(client, command.secretHash(), command.username());
            String simulated = SignUpCodes.simulatedChannel(pool);
            return lookup.resolve(users.pool(), pool, command.username(), false)
                    .onFailure(UserNotFoundException.class).recoverWithUni(e -> {
                        if (client.settings().hidesUserExistence() && simulated != null) {
                            return Uni.createFrom().<PoolUser>nullItem();
                        }
                        return Uni.createFrom().failure(new UserNotFoundException(UNKNOWN));
                    })
                    .flatMap(user -> user == null
                            ? Uni.createFrom().item(SignUpCodes.simulated(pool, issuer.hasher(), simulated,
                                    command.username()))
                            : resendTo(pool, client, user, command.clientMetadata()));
        });
    }

    private Uni<CodeDeliveryDetails> resendTo(Pool pool, Client client, PoolUser user, Map<String, String> metadata) {
        if (user.status() != UserStatus.UNCONFIRMED) {
            throw new InvalidParameterException("User is already confirmed.");
        }
        if (SignUpCodes.simulatedChannel(pool) == null) {
            throw new InvalidParameterException("Cannot resend codes. Auto verification not turned on.");
        }
        String channel = SignUpCodes.channel(pool, user.attributes());
        if (channel == null) {
            // Our wording [D] (lifecycle 3.3 step 4).
            throw new InvalidParameterException(
                    "Cannot resend codes. User has no email or phone number to send a code to.");
        }
        Map<String, String> target = Map.of(channel, user.attributes().get(channel));
        issuer.requireChannels(target);
        Instant now = clock.instant();
        return attempts.hit(users.pool(), pool.id(), user.sub(), AttemptLimits.RESEND_SIGN_UP_CODE, now)
                .invoke(w -> AttemptLimits.RESEND_SIGN_UP_CODE.check(w.attempts(), w.start(), now))
                .flatMap(w -> issuer.prepareSignUp(pool, user, user.attributes(), target,
                        TriggerSource.CustomMessage_ResendCode, client.clientId(), metadata))
                .flatMap(prepared -> users.pool().withTransaction(sql -> dropCodes(sql, pool, user.sub())
                        .flatMap(v -> issuer.write(sql, pool, user, keyed(prepared)))))
                .invoke(issuer::afterCommit)
                .map(details -> details.get(0));
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
                    return dropCodes(sql, pool, user.sub())
                            .flatMap(v -> writer.apply(sql, pool, user, plan.change(UserStatus.CONFIRMED),
                                    clock.instant(), by));
                }))).replaceWithVoid();
    }

    private Uni<Void> dropCodes(SqlClient sql, Pool pool, UUID sub) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String channel : SignUpCodes.CHANNELS) {
            chain = chain.flatMap(v -> codes.delete(sql, pool.id(), sub, SignUpCodes.key(channel)));
        }
        return chain;
    }

    /** The prepared codes stored under the sign-up purpose; their details keep the real attribute. */
    private static List<CodeIssuer.Prepared> keyed(List<CodeIssuer.Prepared> prepared) {
        return prepared.stream().map(p -> new CodeIssuer.Prepared(SignUpCodes.key(p.attribute()), p.target(),
                p.code(), p.message(), p.details())).toList();
    }

    private static void requireUnconfirmed(PoolUser user) {
        if (user.status() != UserStatus.UNCONFIRMED) {
            throw new NotAuthorizedException("User cannot be confirmed. Current status is " + user.status().name());
        }
    }

    /** Lifecycle 1.3, 3.1 step 4: required here, then the shape of section 0, then the pool's policy. */
    private static void checkPassword(Pool pool, String password) {
        if (password == null) {
            // Our wording [D], in AWS's "Missing required parameter" style.
            throw new InvalidParameterException("Missing required parameter PASSWORD");
        }
        if (password.isEmpty() || password.length() > 256 || Character.isWhitespace(password.charAt(0))
                || Character.isWhitespace(password.charAt(password.length() - 1))) {
            throw InvalidParameterException.detected("password", RequestConstraints.pattern("^[\\S]+.*[\\S]+$"));
        }
        PasswordPolicyCheck.check(pool.settings().passwordPolicy(), password);
    }


}
