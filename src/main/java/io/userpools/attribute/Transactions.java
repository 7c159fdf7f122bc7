package io.userpools.attribute;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.util.function.Supplier;

/** Retries a whole transaction that PostgreSQL aborted as a deadlock victim or serialization failure. */
final class Transactions {

    private static final int ATTEMPTS = 4;

    private Transactions() {
    }

    static <T> Uni<T> retryOnDeadlock(Supplier<Uni<? extends T>> transaction) {
        return Uni.createFrom().<T>deferred(transaction)
                .onFailure(Transactions::isRetryable).retry()
                .withBackOff(Duration.ofMillis(5), Duration.ofMillis(100)).atMost(ATTEMPTS - 1);
    }

    static boolean isRetryable(Throwable e) {
        return e instanceof PgException pg && ("40P01".equals(pg.getSqlState()) || "40001".equals(pg.getSqlState()));
    }
}
