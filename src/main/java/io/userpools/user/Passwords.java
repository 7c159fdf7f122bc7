package io.userpools.user;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** Password hashing with bcrypt (Elytron), always off the event loop. */
public final class Passwords {

    private Passwords() {
    }

    /** The bcrypt hash of a password, computed on a worker thread. */
    public static Uni<String> hash(String password) {
        return Uni.createFrom().item(() -> BcryptUtil.bcryptHash(password))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Whether the password matches the hash (constant-time compare), computed on a worker thread. */
    public static Uni<Boolean> matches(String password, String hash) {
        return Uni.createFrom().item(() -> hash != null && BcryptUtil.matches(password, hash))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
