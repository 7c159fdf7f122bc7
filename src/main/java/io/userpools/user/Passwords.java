package io.userpools.user;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.List;

/** Password hashing with bcrypt (Elytron), always off the event loop. */
public final class Passwords {

    /**
     * The bcrypt cost of every hash made here (Elytron's default, {@link BcryptUtil#bcryptHash(String)}).
     */
    public static final int COST = 10;

    /**
     * A bcrypt hash of the same cost as the stored ones, of a random password nobody knows. A check
     * for a user who does not exist or has no password runs against it, so that it costs the same
     * work as a real check and its timing does not tell such users apart.
     */
    static final String DUMMY_HASH = "$2a$10$ywSaWWXEa.Odlji6GRUJHubJtQxLb9ZsdNhuQyGFOJ70gZhgIITvu";

    private Passwords() {
    }

    /** The bcrypt hash of a password, computed on a worker thread. */
    public static Uni<String> hash(String password) {
        return Uni.createFrom().item(() -> BcryptUtil.bcryptHash(password, COST))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * Whether the password matches the hash (constant-time compare), computed on a worker thread.
     * Without a hash (a user without a password, or none at all) the answer is false, after the
     * same bcrypt work against {@link #DUMMY_HASH}.
     */
    public static Uni<Boolean> matches(String password, String hash) {
        return Uni.createFrom().item(() -> check(password, hash))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * Whether the password matches any of the hashes (one bcrypt check each, in order, stopping at
     * the first match), computed on a worker thread.
     */
    public static Uni<Boolean> matchesAny(String password, List<String> hashes) {
        return Uni.createFrom().item(() -> hashes.stream().anyMatch(hash -> BcryptUtil.matches(password, hash)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    static boolean check(String password, String hash) {
        if (hash == null) {
            BcryptUtil.matches(password, DUMMY_HASH);
            return false;
        }
        return BcryptUtil.matches(password, hash);
    }
}
