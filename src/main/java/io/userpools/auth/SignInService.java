package io.userpools.auth;

import io.smallrye.mutiny.Uni;
import io.userpools.client.Client;
import io.userpools.client.ClientService;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.error.NotAuthorizedException;
import io.userpools.common.error.PasswordResetRequiredException;
import io.userpools.common.error.UserNotConfirmedException;
import io.userpools.common.error.UserNotFoundException;
import io.userpools.lockout.PasswordAttempts;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolService;
import io.userpools.ratelimit.CallerRateLimit;
import io.userpools.user.Passwords;
import io.userpools.user.PoolUser;
import io.userpools.user.TemporaryPasswords;
import io.userpools.user.UserAccountRepository;
import io.userpools.user.UserLookup;
import io.userpools.user.UserRepository;
import io.userpools.user.UserStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;

/**
 * InitiateAuth (USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH) and RespondToAuthChallenge
 * (NEW_PASSWORD_REQUIRED), with the check order and texts of behaviour spec 2.12.
 */
@Singleton
public class SignInService {

    public static final String WRONG_CREDENTIALS = PasswordAttempts.WRONG_CREDENTIALS;
    public static final String INVALID_REFRESH = "Invalid Refresh Token";
    public static final String INVALID_SESSION = "Invalid session for the user.";

    /** Tokens, or a challenge to answer. */
    public record Result(TokenService.Tokens tokens, String challengeName, String session,
            Map<String, String> challengeParameters) {
    }

    private final ClientService clients;
    private final PoolService pools;
    private final UserLookup lookup;
    private final UserRepository users;
    private final UserAccountRepository accounts;
    private final SessionRepository sessions;
    private final TokenService tokens;
    private final ChallengeSessions challenges;
    private final Clock clock;
    private final CallerRateLimit rateLimit;
    private final PasswordAttempts passwords;

    public SignInService(ClientService clients, PoolService pools, UserLookup lookup, UserRepository users,
            UserAccountRepository accounts, SessionRepository sessions, TokenService tokens,
            ChallengeSessions challenges, Clock clock, CallerRateLimit rateLimit, PasswordAttempts passwords) {
        this.rateLimit = rateLimit;
        this.passwords = passwords;
        this.clients = clients;
        this.pools = pools;
        this.lookup = lookup;
        this.users = users;
        this.accounts = accounts;
        this.sessions = sessions;
        this.tokens = tokens;
        this.challenges = challenges;
        this.clock = clock;
    }

    /**
     * InitiateAuth USER_PASSWORD_AUTH: client, flow, secret hash, user (username or alias),
     * disabled, lockout, password, status; a FORCE_CHANGE_PASSWORD user gets the
     * NEW_PASSWORD_REQUIRED challenge while the temporary password is valid (lifecycle spec 5.2), anyone else a new session with tokens. Wrong passwords lock
     * sign-in out for a growing time ({@link PasswordAttempts}).
     *
     * @throws io.userpools.common.error.ResourceNotFoundException for an unknown client
     * @throws InvalidParameterException when the client does not allow the flow
     * @throws NotAuthorizedException for a bad secret hash, a disabled user, a wrong password, an
     *                                expired temporary password, or while the user is locked out
     *                                (Password attempts exceeded)
     * @throws UserNotFoundException for an unknown user (NotAuthorized when the client hides existence)
     * @throws UserNotConfirmedException, PasswordResetRequiredException by status
     */
    public Uni<Result> signIn(SignInCommand request) {
        return clientAndPool(request.clientId()).flatMap(cp -> {
            Client client = cp.client();
            requireFlow(client, "USER_PASSWORD_AUTH");
            requireSecretHash(client, request.secretHash(), request.username());
            return lookup.resolve(users.pool(), cp.pool(), request.username(), false)
                    .onFailure(UserNotFoundException.class)
                    .recoverWithUni(e -> unknownUser(cp.pool(), client, request, e))
                    .flatMap(user -> {
                        if (!user.enabled()) {
                            throw new NotAuthorizedException("User is disabled.");
                        }
                        return passwords.verify(cp.pool(), user, request.password())
                                .chain(() -> afterPassword(cp.pool(), client, user));
                    });
        });
    }

    /**
     * No user has that name: as much bcrypt work as a real check either way, so that timing does
     * not tell unknown users apart; a client that hides user existence also gets the lockout.
     */
    private Uni<PoolUser> unknownUser(Pool pool, Client client, SignInCommand request, Throwable notFound) {
        if (!client.settings().hidesUserExistence()) {
            return passwords.spendUnknown(request.password()).chain(() -> Uni.createFrom().failure(notFound));
        }
        return passwords.verifyUnknown(pool, request.username(), request.password());
    }

    private Uni<Result> afterPassword(Pool pool, Client client, PoolUser user) {
        switch (user.status()) {
            case UNCONFIRMED -> throw new UserNotConfirmedException("User is not confirmed.");
            case RESET_REQUIRED -> throw new PasswordResetRequiredException("Password reset required for the user");
            case FORCE_CHANGE_PASSWORD -> {
                return accounts.passwordSetAt(pool.id(), user.sub()).map(setAt -> {
                    if (setAt != null && TemporaryPasswords.expired(pool.settings().passwordPolicy(), setAt,
                            clock.instant())) {
                        throw new NotAuthorizedException(TemporaryPasswords.EXPIRED);
                    }
                    String session = challenges.open(pool.id(), client.clientId(), user.sub(), user.username());
                    return new Result(null, "NEW_PASSWORD_REQUIRED", session,
                            Map.of("USER_ID_FOR_SRP", user.username(), "requiredAttributes", "[]"));
                });
            }
            default -> {
                return tokens.startSession(pool, client, user).map(t -> new Result(t, null, null, null));
            }
        }
    }

    /**
     * InitiateAuth REFRESH_TOKEN_AUTH: new access and ID tokens for the refresh token's session.
     *
     * @throws io.userpools.common.error.ResourceNotFoundException for an unknown client
     * @throws InvalidParameterException when the client does not allow the flow
     * @throws NotAuthorizedException for an unknown, foreign, revoked or expired refresh token, a
     *                                bad secret hash or a disabled user
     */
    public Uni<Result> refresh(RefreshCommand request) {
        return clientAndPool(request.clientId()).flatMap(cp -> {
            Client client = cp.client();
            requireFlow(client, "REFRESH_TOKEN_AUTH");
            return sessions.findByRefreshHash(TokenService.sha256(request.refreshToken())).flatMap(session -> {
                if (session == null || !session.clientId().equals(client.clientId())
                        || !session.poolId().equals(cp.pool().id())) {
                    throw new NotAuthorizedException(INVALID_REFRESH);
                }
                if (session.revokedAt() != null) {
                    throw new NotAuthorizedException("Refresh Token has been revoked");
                }
                if (!session.expiresAt().isAfter(clock.instant())) {
                    throw new NotAuthorizedException("Refresh Token has expired");
                }
                return users.findBySub(users.pool(), cp.pool().id(), session.sub(), false).flatMap(user -> {
                    if (user == null) {
                        throw new NotAuthorizedException(INVALID_REFRESH);
                    }
                    if (client.hasSecret() && !SecretHash.matches(request.secretHash(), clients.secretOf(client),
                            user.username(), client.clientId())
                            && !SecretHash.matches(request.secretHash(), clients.secretOf(client),
                                    user.sub().toString(), client.clientId())) {
                        throw secretHashError(client);
                    }
                    if (!user.enabled()) {
                        throw new NotAuthorizedException("User is disabled.");
                    }
                    return tokens.continueSession(cp.pool(), client, user, session)
                            .map(t -> new Result(t, null, null, null));
                });
            });
        });
    }

    /**
     * RespondToAuthChallenge NEW_PASSWORD_REQUIRED: sets the new password as permanent (status
     * CONFIRMED) and starts a session.
     *
     * @throws NotAuthorizedException for an invalid, foreign or expired session, a bad secret
     *                                hash or a disabled user
     * @throws io.userpools.common.error.InvalidPasswordException when the password breaks the policy
     */
    public Uni<Result> respondToNewPasswordChallenge(NewPasswordCommand request) {
        return clientAndPool(request.clientId()).flatMap(cp -> {
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
            requireSecretHash(client, request.secretHash(), request.username());
            io.userpools.user.PasswordPolicyCheck.check(pool.settings().passwordPolicy(), request.newPassword());
            return users.findBySub(users.pool(), pool.id(), challenge.sub(), false).flatMap(user -> {
                if (user == null || user.status() != UserStatus.FORCE_CHANGE_PASSWORD
                        || !namesUser(pool, user, request.username())) {
                    throw new NotAuthorizedException(INVALID_SESSION);
                }
                if (!user.enabled()) {
                    throw new NotAuthorizedException("User is disabled.");
                }
                return Passwords.hash(request.newPassword())
                        .flatMap(hash -> accounts.setPassword(accounts.pool(), user, hash, UserStatus.CONFIRMED,
                                clock.instant()))
                        .flatMap(ignored -> tokens.startSession(pool, client, user))
                        .map(t -> new Result(t, null, null, null));
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

    private record ClientAndPool(Client client, Pool pool) {
    }

    /** The client and its pool; the request then counts against the pool's rate limit. */
    private Uni<ClientAndPool> clientAndPool(String clientId) {
        CallerRateLimit.Bound limit = rateLimit.forCurrentRequest();
        return clients.get(clientId).flatMap(client -> pools.get(client.poolId())
                .onFailure(io.userpools.common.error.ResourceNotFoundException.class)
                .transform(e -> ClientService.notFound(clientId))
                .map(pool -> new ClientAndPool(client, pool)))
                .call(cp -> limit.check(cp.pool().id()));
    }

    private static void requireFlow(Client client, String flow) {
        if (!client.settings().allowsFlow("ALLOW_" + flow)) {
            throw new InvalidParameterException(flow + " flow not enabled for this client");
        }
    }

    private void requireSecretHash(Client client, String presented, String username) {
        if (client.hasSecret()
                && !SecretHash.matches(presented, clients.secretOf(client), username, client.clientId())) {
            throw secretHashError(client);
        }
    }

    private static NotAuthorizedException secretHashError(Client client) {
        return new NotAuthorizedException("Unable to verify secret hash for client " + client.clientId());
    }
}
