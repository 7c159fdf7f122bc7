package io.userpools.user;

import io.userpools.history.Provenance;
import io.userpools.history.Provenances;
import io.smallrye.mutiny.Uni;

import io.userpools.password.PasswordHistory;
import io.userpools.pool.PoolService;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The admin account operations: AdminSetUserPassword, AdminDisableUser, AdminEnableUser and
 * AdminUserGlobalSignOut. Users are named by username, sub or alias ([2.1]).
 */
@Singleton
public class UserAccountService {

    private final PoolService pools;
    private final UserLookup lookup;
    private final UserAccountRepository accounts;
    private final Provenances provenances;
    private final UserWriter writer;
    private final PasswordHistory history;
    private final Clock clock;

    public UserAccountService(PoolService pools, UserLookup lookup, UserAccountRepository accounts, UserWriter writer,
            Provenances provenances, PasswordHistory history, Clock clock) {
        this.provenances = provenances;
        this.writer = writer;
        this.pools = pools;
        this.lookup = lookup;
        this.accounts = accounts;
        this.history = history;
        this.clock = clock;
    }

    /**
     * AdminSetUserPassword: checks the pool's password policy, hashes off the event loop, and sets
     * the password as permanent (status CONFIRMED) or temporary (FORCE_CHANGE_PASSWORD).
     *
     * @throws io.userpools.common.error.ResourceNotFoundException for an unknown pool
     * @throws io.userpools.common.error.InvalidPasswordException when the password breaks the policy
     * @throws io.userpools.common.error.PasswordHistoryPolicyViolationException when it is one of the last n
     * @throws io.userpools.common.error.UserNotFoundException when nothing matches the name
     */
    public Uni<Void> setPassword(String poolId, String name, String password, boolean permanent) {
        Provenance by = provenances.admin("AdminSetUserPassword");
        return pools.get(poolId).flatMap(pool -> {
            PasswordPolicyCheck.checkChallengeOrAdmin(pool.settings().passwordPolicy(), password);
            UserStatus status = permanent ? UserStatus.CONFIRMED : UserStatus.FORCE_CHANGE_PASSWORD;
            return lookup.resolve(accounts.pool(), pool, name, false)
                    .flatMap(found -> history.check(accounts.pool(), pool, found, password))
                    .flatMap(checked -> Passwords.hash(password))
                    .flatMap(hash -> accounts.pool().withTransaction(sql -> lookup.resolve(sql, pool, name, true)
                            .flatMap(user -> writer.setPassword(sql, user, hash, status, clock.instant(), by)
                                    .flatMap(v -> history.replaced(sql, pool, user, clock.instant())))));
        });
    }

    /**
     * AdminDisableUser: the user can no longer sign in, and every session is revoked (its access
     * and refresh tokens stop working at once, spec 2.1 (3)).
     *
     * @throws io.userpools.common.error.ResourceNotFoundException for an unknown pool
     * @throws io.userpools.common.error.UserNotFoundException when nothing matches the name
     */
    public Uni<Void> disable(String poolId, String name) {
        Provenance by = provenances.admin("AdminDisableUser");
        return pools.get(poolId).flatMap(pool -> accounts.pool().withTransaction(sql ->
                lookup.resolve(sql, pool, name, true).flatMap(user -> writer.setEnabled(sql, user, false, clock.instant(), by)
                        .flatMap(ignored -> writer.signOut(sql, pool.id(), user.sub(), clock.instant())))));
    }

    /**
     * AdminEnableUser: the user can sign in again; tokens revoked by the disable stay revoked.
     *
     * @throws io.userpools.common.error.ResourceNotFoundException for an unknown pool
     * @throws io.userpools.common.error.UserNotFoundException when nothing matches the name
     */
    public Uni<Void> enable(String poolId, String name) {
        Provenance by = provenances.admin("AdminEnableUser");
        return pools.get(poolId).flatMap(pool -> accounts.pool().withTransaction(sql ->
                lookup.resolve(sql, pool, name, true)
                        .flatMap(user -> writer.setEnabled(sql, user, true, clock.instant(), by))));
    }

    /**
     * AdminUserGlobalSignOut: revokes every refresh token of the user and every access token
     * issued so far ([2.13]).
     *
     * @throws io.userpools.common.error.ResourceNotFoundException for an unknown pool
     * @throws io.userpools.common.error.UserNotFoundException when nothing matches the name
     */
    public Uni<Void> globalSignOut(String poolId, String name) {
        return pools.get(poolId).flatMap(pool -> accounts.pool().withTransaction(sql ->
                lookup.resolve(sql, pool, name, true)
                        .flatMap(user -> writer.signOut(sql, pool.id(), user.sub(), clock.instant()))));
    }
}
