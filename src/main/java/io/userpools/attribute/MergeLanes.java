package io.userpools.attribute;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.userpools.common.Metrics;
import io.userpools.user.PoolUser;
import io.userpools.user.UserRepository;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the fast-path attribute writes ({@link MergeWrite}) with at most one statement in flight
 * per user in this process. A write to a user with none in flight is the single MERGE statement.
 * Writes that arrive while one is in flight wait, and when it ends they go together as one
 * batch: the user is read, the writes are applied to it in arrival order in memory, and the result
 * is stored with a compare-and-set on the version, which advances once per write that changed
 * something. Each caller gets the user as its own write left it, as if the writes had run one
 * after the other (they were concurrent, so that order is a valid one). Without this, concurrent
 * writes to one user queue on its row lock in PostgreSQL, one round trip each.
 *
 * <p>A write that changes nothing, a user that does not exist and a batch that keeps losing its
 * compare-and-set to another writer (the locked path, another replica) come back as null, and
 * the caller takes the locked path instead.
 */
@Singleton
class MergeLanes {

    private static final int CAS_ATTEMPTS = 5;

    private final UserRepository users;
    private final Metrics metrics;
    private final Clock clock;
    private final Map<LaneKey, Lane> lanes = new ConcurrentHashMap<>();

    MergeLanes(UserRepository users, Metrics metrics, Clock clock) {
        this.users = users;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The user as this write left it, or null (see the class comment). */
    Uni<PoolUser> merge(String poolId, String usernameKey, MergeWrite write) {
        return Uni.createFrom().emitter(emitter -> {
            Waiter waiter = new Waiter(write, emitter, Vertx.currentContext());
            LaneKey key = new LaneKey(poolId, usernameKey);
            boolean[] first = {false};
            lanes.compute(key, (k, lane) -> {
                if (lane == null) {
                    first[0] = true;
                    return new Lane();
                }
                lane.waiting.add(waiter);
                return lane;
            });
            if (first[0]) {
                run(key, List.of(waiter));
            }
        });
    }

    private void run(LaneKey key, List<Waiter> batch) {
        metrics.attributeWriteBatch(batch.size());
        // deferred: a failure while building the statement fails the batch instead of leaving the lane open
        Uni<List<PoolUser>> results = Uni.createFrom().deferred(() -> {
            if (batch.size() > 1) {
                return batch(key, batch, CAS_ATTEMPTS);
            }
            MergeWrite write = batch.get(0).write;
            return users.mergeAttributes(users.pool(), key.poolId, key.usernameKey, write.set(), write.remove(),
                    clock.instant()).map(Collections::singletonList);
        });
        results.subscribe().with(users -> {
            next(key);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).complete(users.get(i));
            }
        }, failure -> {
            next(key);
            batch.forEach(waiter -> waiter.fail(failure));
        });
    }

    /** Starts the writes that arrived meanwhile, or closes the lane. */
    private void next(LaneKey key) {
        List<List<Waiter>> taken = new ArrayList<>(1);
        lanes.computeIfPresent(key, (k, lane) -> {
            if (lane.waiting.isEmpty()) {
                return null;
            }
            taken.add(lane.waiting);
            lane.waiting = new ArrayList<>();
            return lane;
        });
        if (!taken.isEmpty()) {
            run(key, taken.get(0));
        }
    }

    private Uni<List<PoolUser>> batch(LaneKey key, List<Waiter> batch, int attempts) {
        List<PoolUser> none = Collections.nCopies(batch.size(), null);
        if (attempts == 0) {
            return Uni.createFrom().item(none);
        }
        return users.findByUsernameKey(users.pool(), key.poolId, key.usernameKey, false).flatMap(user -> {
            if (user == null) {
                return Uni.createFrom().item(none);
            }
            Instant now = clock.instant();
            List<PoolUser> states = replay(user, batch.stream().map(Waiter::write).toList(), now);
            PoolUser last = states.get(states.size() - 1);
            if (last.version() == user.version()) {
                return Uni.createFrom().item(states);
            }
            return users.compareAndSetAttributes(users.pool(), user, last.attributes(), last.version(), now)
                    .flatMap(stored -> stored ? Uni.createFrom().item(states) : batch(key, batch, attempts - 1));
        });
    }

    /** Each write's outcome, applied in order to the user as read; versions advance per real change. */
    static List<PoolUser> replay(PoolUser user, List<MergeWrite> writes, Instant now) {
        List<PoolUser> states = new ArrayList<>(writes.size());
        PoolUser state = user;
        for (MergeWrite write : writes) {
            Map<String, String> next = write.applyTo(state.attributes());
            if (!next.equals(state.attributes())) {
                state = new PoolUser(state.poolId(), state.sub(), state.username(), state.status(), state.enabled(),
                        state.passwordHash(), next, state.pending(), state.version() + 1, state.createdAt(), now,
                        state.signedOutAt());
            }
            states.add(state);
        }
        return states;
    }

    private record LaneKey(String poolId, String usernameKey) {
    }

    /** The writes waiting for the one in flight; only touched inside the map's compute functions. */
    private static final class Lane {
        List<Waiter> waiting = new ArrayList<>();
    }

    /** One caller: its write and where to deliver its answer (on its own Vert.x context). */
    record Waiter(MergeWrite write, UniEmitter<? super PoolUser> emitter, Context context) {

        void complete(PoolUser user) {
            deliver(() -> emitter.complete(user));
        }

        void fail(Throwable failure) {
            deliver(() -> emitter.fail(failure));
        }

        private void deliver(Runnable action) {
            if (context == null || context == Vertx.currentContext()) {
                action.run();
            } else {
                context.runOnContext(ignored -> action.run());
            }
        }
    }
}
