package io.userpools.auth;

import io.smallrye.mutiny.Uni;
import io.userpools.user.UserAccountRepository;
import io.userpools.user.UserWriter;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;

/**
 * GlobalSignOut and AdminUserGlobalSignOut ([2.13]): every session of the user is revoked, so its
 * refresh tokens stop working and so do the access tokens issued from them; tokens of sessions
 * started later keep working. The database is the only record, so every replica sees it at once.
 */
@Singleton
public class SignOutService {

    private final UserAccountRepository accounts;
    private final UserWriter writer;
    private final Clock clock;

    public SignOutService(UserAccountRepository accounts, UserWriter writer, Clock clock) {
        this.writer = writer;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Revokes every session of the user, now. */
    public Uni<Void> signOut(String poolId, UUID sub) {
        return writer.signOut(accounts.pool(), poolId, sub, clock.instant());
    }
}
