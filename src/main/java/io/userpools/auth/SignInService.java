package io.userpools.auth;

import io.smallrye.mutiny.Uni;
import io.userpools.client.Client;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.error.NotAuthorizedException;
import io.userpools.common.error.PasswordResetRequiredException;
import io.userpools.common.error.UserNotConfirmedException;
import io.userpools.common.error.UserNotFoundException;
import io.userpools.lockout.PasswordAttempts;
import io.userpools.pool.Pool;
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
 * InitiateAuth (USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH) and AdminInitiateAuth
 * (ADMIN_USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH), with the check order and texts of behaviour spec
 * 2.12; the NEW_PASSWORD_REQUIRED challenge it opens is answered by
 * {@link NewPasswordChallengeService}.
 */
@Singleton
public class SignInService {

    public static final String WRONG_CREDENTIALS = PasswordAttempts.WRONG_CREDENTIALS;
    public static final String INVALID_REFRESH = "Invalid Refresh Token";

    /** Tokens, or a challenge to answer. */
    public record Result(TokenService.Tokens tokens, String challengeName, String session,
            Map<String, String> challengeParameters) {
    }

    private final PublicClients gate;
    private final UserLookup lookup;
    private final UserRepository users;
    private final SessionRepository sessions;
    private final TokenService tokens;
    private final ChallengeSessions challenges;
    private final Clock clock;
    private final PasswordAttempts passwords;
    private final UserAccountRepository accounts;

    public SignInService(PublicClients gate, UserLookup lookup, UserRepository users, SessionRepository sessions,
            TokenService tokens, ChallengeSessions challenges, Clock clock, PasswordAttempts passwords,
            UserAccountRepository accounts) {
        this.gate = gate;
        this.lookup = lookup;
        this.users = users;
        this.sessions = sessions;
        this.tokens = tokens;
        this.challenges = challenges;
        this.clock = clock;
        this.passwords = passwords;
        this.accounts = accounts;
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
        return signIn(null, request, "USER_PASSWORD_AUTH");
    }

    /**
     * AdminInitiateAuth ADMIN_USER_PASSWORD_AUTH: the checks and answers of {@link #signIn}, for a
     * client of the given pool that allows {@code ALLOW_ADMIN_USER_PASSWORD_AUTH}.
     *
     * @throws io.userpools.common.error.ResourceNotFoundException for an unknown pool, or a client
     *                                                             that is unknown or of another pool
     * @throws InvalidParameterException when the client does not allow the flow
     * @throws NotAuthorizedException, UserNotFoundException, UserNotConfirmedException,
     *                                 PasswordResetRequiredException as {@link #signIn} throws them
     */
    public Uni<Result> adminSignIn(String poolId, SignInCommand request) {
        return signIn(poolId, request, "ADMIN_USER_PASSWORD_AUTH");
    }

    private Uni<Result> signIn(String poolId, SignInCommand request, String flow) {
        return gate.clientAndPool(request.clientId(), poolId).flatMap(cp -> {
            Client client = cp.client();
            PublicClients.requireFlow(client, flow);
            gate.requireSecretHash(client, request.secretHash(), request.username());
            return lookup.resolve(users.pool(), cp.pool(), request.username(), false)
                    .onFailure(UserNotFoundException.class)
                    .recoverWithUni(e -> unknownUser(cp.pool(), client, request, e))
                    .flatMap(user -> {
                        if (!user.enabled()) {
                            throw new NotAuthorizedException("User is disabled.");
                        }
                        if (user.status() == UserStatus.RESET_REQUIRED && user.passwordHash() == null
                                && !client.settings().hidesUserExistence()) {
                            // an imported user has no password to check (lifecycle 4.4: hiding user
                            // existence, the password check's generic NotAuthorized answers instead)
                            throw new PasswordResetRequiredException("Password reset required for the user");
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
     * @throws PasswordResetRequiredException when an admin reset the user's password
     */
    public Uni<Result> refresh(RefreshCommand request) {
        return refresh(null, request);
    }

    /**
     * AdminInitiateAuth REFRESH_TOKEN_AUTH: {@link #refresh(RefreshCommand)} for a client of the
     * given pool.
     *
     * @throws io.userpools.common.error.ResourceNotFoundException for an unknown pool, or a client
     *                                                             that is unknown or of another pool
     * @throws InvalidParameterException, NotAuthorizedException as {@link #refresh(RefreshCommand)}
     */
    public Uni<Result> adminRefresh(String poolId, RefreshCommand request) {
        return refresh(poolId, request);
    }

    private Uni<Result> refresh(String poolId, RefreshCommand request) {
        return gate.clientAndPool(request.clientId(), poolId).flatMap(cp -> {
            Client client = cp.client();
            PublicClients.requireFlow(client, "REFRESH_TOKEN_AUTH");
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
                    if (client.hasSecret() && request.secretHash() == null) {
                        throw PublicClients.missingSecretHash(client);
                    }
                    if (client.hasSecret() && !gate.matchesSecretHash(client, request.secretHash(), user.username())
                            && !gate.matchesSecretHash(client, request.secretHash(), user.sub().toString())) {
                        throw PublicClients.secretHashError(client);
                    }
                    if (!user.enabled()) {
                        throw new NotAuthorizedException("User is disabled.");
                    }
                    if (user.status() == UserStatus.RESET_REQUIRED) { // lifecycle spec 4.4, 4.5
                        throw new PasswordResetRequiredException("Password reset required for the user");
                    }
                    return tokens.continueSession(cp.pool(), client, user, session)
                            .map(t -> new Result(t, null, null, null));
                });
            });
        });
    }

}
