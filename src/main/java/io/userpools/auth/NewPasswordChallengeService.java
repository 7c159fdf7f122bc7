package io.userpools.auth;

import io.userpools.history.Provenance;
import io.userpools.history.Provenances;
import io.userpools.user.UserWriter;
import io.smallrye.mutiny.Uni;
import io.userpools.client.Client;
import io.userpools.common.error.NotAuthorizedException;
import io.userpools.password.PasswordHistory;
import io.userpools.pool.Pool;
import io.userpools.user.PasswordPolicyCheck;
import io.userpools.user.Passwords;
import io.userpools.user.PoolUser;
import io.userpools.user.UserAccountRepository;
import io.userpools.user.UserRepository;
import io.userpools.user.UserStatus;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * RespondToAuthChallenge and AdminRespondToAuthChallenge for NEW_PASSWORD_REQUIRED: the answer to
 * the challenge that {@link SignInService} opens for a user in FORCE_CHANGE_PASSWORD.
 */
@Singleton
public class NewPasswordChallengeService {

    public static final String INVALID_SESSION = "Invalid session for the user.";

    private final PublicClients gate;
    private final UserRepository users;
    private final UserAccountRepository accounts;
    private final TokenService tokens;
    private final ChallengeSessions challenges;
    private final Provenances provenances;
    private final UserWriter writer;
    private final PasswordHistory history;
    private final Clock clock;

    public NewPasswordChallengeService(PublicClients gate, UserRepository users, UserAccountRepository accounts,
            TokenService tokens, ChallengeSessions challenges, UserWriter writer, Provenances provenances,
            PasswordHistory history, Clock clock) {
        this.provenances = provenances;
        this.writer = writer;
        this.gate = gate;
        this.users = users;
        this.accounts = accounts;
        this.tokens = tokens;
        this.challenges = challenges;
        this.history = history;
        this.clock = clock;
    }

    /**
     * RespondToAuthChallenge NEW_PASSWORD_REQUIRED: sets the new password as permanent (status
     * CONFIRMED) and starts a session.
     *
     * @throws NotAuthorizedException for an invalid, foreign or expired session, a bad secret
     *                                hash or a disabled user
     * @throws io.userpools.common.error.InvalidPasswordException when the password breaks the policy
     * @throws io.userpools.common.error.PasswordHistoryPolicyViolationException when it is one of the last n
     */
    public Uni<SignInService.Result> respond(NewPasswordCommand request) {
        return respond(null, request);
    }

    /**
     * AdminRespondToAuthChallenge NEW_PASSWORD_REQUIRED: {@link #respond(NewPasswordCommand)} for
     * a client of the given pool.
     *
     * @throws io.userpools.common.error.ResourceNotFoundException for an unknown pool, or a client
     *                                                             that is unknown or of another pool
     * @throws NotAuthorizedException, io.userpools.common.error.InvalidPasswordException as the
     *                                 public answer throws them
     */
    public Uni<SignInService.Result> adminRespond(String poolId, NewPasswordCommand request) {
        return respond(poolId, request);
    }

    private Uni<SignInService.Result> respond(String poolId, NewPasswordCommand request) {
        Provenance by = poolId == null ? provenances.user("RespondToAuthChallenge", request.clientId())
                : provenances.admin("AdminRespondToAuthChallenge");
        return gate.clientAndPool(request.clientId(), poolId).flatMap(cp -> {
            Client client = cp.client();
            Pool pool = cp.pool();
            ChallengeSessions.Challenge challenge = challenges.read(request.session());
            if (challenge == null || !challenge.clientId().equals(client.clientId())
                    || !challenge.poolId().equals(pool.id())) {
                throw new NotAuthorizedException(INVALID_SESSION);
            }
            if (challenges.expired(challenge)) {
                throw new NotAuthorizedException("Invalid session for the user, session is expired.");
            }
            gate.requireSecretHash(client, request.secretHash(), request.username());
            PasswordPolicyCheck.checkChallengeOrAdmin(pool.settings().passwordPolicy(), request.newPassword());
            return users.findBySub(users.pool(), pool.id(), challenge.sub(), false).flatMap(user -> {
                if (user == null || user.status() != UserStatus.FORCE_CHANGE_PASSWORD
                        || !namesUser(pool, user, request.username())) {
                    throw new NotAuthorizedException(INVALID_SESSION);
                }
                if (!user.enabled()) {
                    throw new NotAuthorizedException("User is disabled.");
                }
                return history.check(accounts.pool(), pool, user, request.newPassword())
                        .flatMap(v -> Passwords.hash(request.newPassword()))
                        .flatMap(hash -> accounts.pool().withTransaction(sql -> writer.setPassword(sql, user, hash,
                                UserStatus.CONFIRMED, clock.instant(), by)
                                .flatMap(v -> history.replaced(sql, pool, user, clock.instant()))))
                        .flatMap(ignored -> tokens.startSession(pool, client, user))
                        .map(t -> new SignInService.Result(t, null, null, null));
            });
        });
    }

    private static boolean namesUser(Pool pool, PoolUser user, String name) {
        if (pool.key(user.username()).equals(pool.key(name)) || user.sub().toString().equals(name)) {
            return true;
        }
        return user.attributes().entrySet().stream()
                .filter(e -> pool.isAliasAttribute(e.getKey()) || pool.isUsernameAttribute(e.getKey()))
                .anyMatch(e -> pool.key(e.getValue()).equals(pool.key(name)));
    }
}
