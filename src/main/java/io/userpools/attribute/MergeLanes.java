package io.userpools.attribute;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.userpools.common.Metrics;
import io.userpools.common.UserpoolsConfig;
import io.userpools.common.error.ServiceUnavailableException;
import io.userpools.common.error.TooManyRequestsException;
import io.userpools.history.Changes;
import io.userpools.history.Entry;
import io.userpools.user.BatchedWrites;
import io.userpools.user.PoolUser;
import io.userpools.user.UserRepository;
import io.userpools.user.UserWriter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the fast-path attribute writes ({@link MergeWrite}) with at most one statement in flight
 * per user in this process. A write to a user with none in flight is stored right away (below).
 * Writes that arrive while one is in flight wait, and when it ends they go together as one
 * batch: the user is read, the writes are applied to it in arrival order in memory, and the result
 * is stored with a compare-and-set on the version, which advances once per write that changed
 * something. Each caller gets the user as its own write left it, as if the writes had run one
 * after the other (they were concurrent, so that order is a valid one). Without this, concurrent
 * writes to one user queue on its row lock in PostgreSQL, one round trip each.
 *
 * <p>Single writes (one per user, so always of distinct users) share statements the same way:
 * at most {@code userpools.attribute-writes.statements} are in flight, and the writes that arrive
 * while all are busy go together in the next one, a multi-row UPDATE
 * ({@link UserWriter#mergeMany}) that skips rows other transactions hold locked. When that
 * statement fails, its writes are retried one by one, so that one write's failure never becomes
 * another's.
 *
 * <p>A self-service write carries its token's {@link io.userpools.user.SessionGuard}: the single
 * statement checks it per row, a batch's read per write, and a write whose guard fails is not
 * applied and comes back as null.
 *
 * <p>A write that changes nothing, a user that does not exist or whose row another transaction
 * holds, and a batch that keeps losing its compare-and-set to another writer (the locked path,
 * another replica) come back as null, and the caller takes the locked path instead.
 *
 * <p>What waits is bounded ({@link WriteQueueConfig}): a write to a user whose lane already holds
 * {@code per-user} waiting writes fails at once with {@link TooManyRequestsException}, and a write
 * that would make this replica hold more than {@code total} writes (in flight or waiting, every
 * user) with {@link ServiceUnavailableException}; both carry {@code Retry-After} and change nothing.
 */
@Singleton
class MergeLanes {

    private static final int CAS_ATTEMPTS = 5;

    private final UserRepository users;
    private final UserWriter writer;
    private final Metrics metrics;
    private final Clock clock;
    private final int maxStatements;
    private final int maxBatch;
    private final int maxWaitingPerUser;
    private final int maxHeld;
    private final long retryAfterSeconds;
    /** Writes accepted and not yet answered (in flight or waiting), every user. */
    private final AtomicInteger held = new AtomicInteger();
    private final Map<LaneKey, Lane> lanes = new ConcurrentHashMap<>();
    /** Single writes waiting for a statement, and the statements in flight; guarded by {@code this}. */
    private final ArrayDeque<Single> queue = new ArrayDeque<>();
    private int statementsInFlight;

    MergeLanes(UserRepository users, UserWriter writer, Metrics metrics, Clock clock, UserpoolsConfig config, WriteQueueConfig queue) {
        this.users = users;
        this.writer = writer;
        this.metrics = metrics;
        this.clock = clock;
        this.maxStatements = Math.max(1, config.attributeWrites().statements());
        this.maxBatch = Math.max(1, config.attributeWrites().batch());
        this.maxWaitingPerUser = Math.max(0, queue.perUser());
        this.maxHeld = Math.max(1, queue.total());
        this.retryAfterSeconds = Math.max(1, queue.retryAfter().toSeconds());
    }

    /**
     * The user as this write left it, or null (see the class comment).
     *
     * @return fails with {@link TooManyRequestsException} when the user's lane is full, and with
     *         {@link ServiceUnavailableException} when this replica holds its most writes
     */
    Uni<PoolUser> merge(String poolId, String usernameKey, MergeWrite write) {
        return Uni.createFrom().emitter(emitter -> {
            if (held.incrementAndGet() > maxHeld) {
                held.decrementAndGet();
                emitter.fail(new ServiceUnavailableException(
                        "Too many attribute writes are in progress; retry shortly.", retryAfterSeconds));
                return;
            }
            Waiter waiter = new Waiter(write, emitter, Vertx.currentContext());
            LaneKey key = new LaneKey(poolId, usernameKey);
            boolean[] first = {false};
            boolean[] full = {false};
            lanes.compute(key, (k, lane) -> {
                if (lane == null) {
                    first[0] = true;
                    return new Lane();
                }
                if (lane.waiting.size() >= maxWaitingPerUser) {
                    full[0] = true;
                    return lane;
                }
                lane.waiting.add(waiter);
                return lane;
            });
            if (full[0]) {
                held.decrementAndGet();
                emitter.fail(new TooManyRequestsException("Rate exceeded", retryAfterSeconds));
            } else if (first[0]) {
                run(key, List.of(waiter));
            }
        });
    }

    /** Writes waiting behind the one in flight for this user; -1 when none is in flight. */
    int waiting(String poolId, String usernameKey) {
        int[] size = {-1};
        lanes.computeIfPresent(new LaneKey(poolId, usernameKey), (k, lane) -> {
            size[0] = lane.waiting.size();
            return lane;
        });
        return size[0];
    }

    private void run(LaneKey key, List<Waiter> batch) {
        if (batch.size() == 1) {
            submit(new Single(key, batch.get(0), false));
            return;
        }
        metrics.attributeWriteBatch(batch.size());
        // deferred: a failure while building the statement fails the batch instead of leaving the lane open
        Uni.createFrom().deferred(() -> batch(key, batch, CAS_ATTEMPTS)).subscribe().with(
                stored -> finish(key, batch, stored, null), failure -> finish(key, batch, null, failure));
    }

    /** Ends a lane's write: the lane moves on, then each waiter gets its user (or the failure). */
    private void finish(LaneKey key, List<Waiter> batch, List<PoolUser> stored, Throwable failure) {
        held.addAndGet(-batch.size());
        next(key);
        for (int i = 0; i < batch.size(); i++) {
            if (failure == null) {
                batch.get(i).complete(stored.get(i));
            } else {
                batch.get(i).fail(failure);
            }
        }
    }

    /**
     * A lane's lone write, waiting for a statement it may share with other users' writes
     * ({@code alone}: one that failed in a shared statement, retried on its own).
     */
    private record Single(LaneKey key, Waiter waiter, boolean alone) {
    }

    private void submit(Single single) {
        synchronized (this) {
            if (statementsInFlight >= maxStatements) {
                queue.add(single);
                return;
            }
            statementsInFlight++;
        }
        store(List.of(single));
    }

    /** Runs one statement for these writes; when it ends, the next one takes what queued meanwhile. */
    private void store(List<Single> singles) {
        metrics.attributeWriteBatch(singles.size());
        Instant now = clock.instant();
        Uni<List<PoolUser>> statement = Uni.createFrom().deferred(() -> {
            List<BatchedWrites.Merge> merges = singles.stream().map(single -> new BatchedWrites.Merge(
                    single.key.poolId, single.key.usernameKey, single.waiter.write.set(),
                    single.waiter.write.remove(), single.waiter.write.by(), single.waiter.write.unkept(),
                    single.waiter.write.guard())).toList();
            return writer.mergeMany(merges, now);
        });
        statement.subscribe().with(stored -> {
            takeNext();
            for (int i = 0; i < singles.size(); i++) {
                Single single = singles.get(i);
                finish(single.key, List.of(single.waiter), Collections.singletonList(stored.get(i)), null);
            }
        }, failure -> {
            takeNext();
            if (singles.size() == 1) {
                Single single = singles.get(0);
                finish(single.key, List.of(single.waiter), null, failure);
            } else {
                // one by one: a write that cannot be stored fails alone
                singles.forEach(single -> submit(new Single(single.key, single.waiter, true)));
            }
        });
    }

    /** Starts a statement with the writes that queued, or frees the slot. */
    private void takeNext() {
        List<Single> next;
        synchronized (this) {
            if (queue.isEmpty()) {
                statementsInFlight--;
                return;
            }
            next = new ArrayList<>(Math.min(queue.size(), maxBatch));
            next.add(queue.poll());
            // distinct users only (the lanes see to it; checked, since a repeat would lose a write)
            Set<LaneKey> keys = new HashSet<>();
            keys.add(next.get(0).key);
            while (!next.get(0).alone && next.size() < maxBatch && !queue.isEmpty()
                    && !queue.peek().alone && keys.add(queue.peek().key)) {
                next.add(queue.poll());
            }
        }
        store(next);
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
        List<MergeWrite> writes = batch.stream().map(Waiter::write).toList();
        return read(key, writes).flatMap(read -> {
            if (read == null) {
                return Uni.createFrom().item(none);
            }
            PoolUser user = read.user();
            Instant now = clock.instant();
            List<PoolUser> states = replay(user, writes, read.allowed(), now);
            PoolUser last = user;
            for (PoolUser state : states) {
                last = state == null ? last : state;
            }
            if (last.version() == user.version()) {
                return Uni.createFrom().item(states);
            }
            // with history off the entries would not be written: not worked out either
            List<BatchedWrites.Recorded> entries = users.recordsHistory() ? entries(user, writes, states) : List.of();
            return writer.compareAndSet(user, last.attributes(), last.version(), entries, now)
                    .flatMap(stored -> stored ? Uni.createFrom().item(states) : batch(key, batch, attempts - 1));
        });
    }

    /** The user, and whether each write's guard holds (self-service writes only carry one). */
    private Uni<UserRepository.GuardedRead> read(LaneKey key, List<MergeWrite> writes) {
        if (writes.stream().allMatch(write -> write.guard() == null)) {
            return users.findByUsernameKey(users.pool(), key.poolId, key.usernameKey, false).map(user -> user == null
                    ? null : new UserRepository.GuardedRead(user, Collections.nCopies(writes.size(), true)));
        }
        return users.findByUsernameKeyGuarded(users.pool(), key.poolId, key.usernameKey,
                writes.stream().map(MergeWrite::guard).toList());
    }

    /** The history entry of each write that changed the user, at the version it left. */
    static List<BatchedWrites.Recorded> entries(PoolUser read, List<MergeWrite> writes, List<PoolUser> states) {
        List<BatchedWrites.Recorded> entries = new ArrayList<>(writes.size());
        PoolUser before = read;
        for (int i = 0; i < writes.size(); i++) {
            PoolUser after = states.get(i);
            if (after == null) {
                continue; // its guard failed: not applied
            }
            if (after.version() != before.version()) {
                MergeWrite write = writes.get(i);
                entries.add(new BatchedWrites.Recorded(after.version(), new Entry(Entry.UPDATED, write.by(),
                        Changes.of(write.unkept()).attributes(before.attributes(), after.attributes()).json())));
            }
            before = after;
        }
        return entries;
    }

    /** Each write's outcome, every write allowed (see below). */
    static List<PoolUser> replay(PoolUser user, List<MergeWrite> writes, Instant now) {
        return replay(user, writes, Collections.nCopies(writes.size(), true), now);
    }

    /**
     * Each write's outcome, applied in order to the user as read; versions advance per real change.
     * A write whose guard failed is left out, and its outcome is null.
     */
    static List<PoolUser> replay(PoolUser user, List<MergeWrite> writes, List<Boolean> allowed, Instant now) {
        List<PoolUser> states = new ArrayList<>(writes.size());
        PoolUser state = user;
        for (int i = 0; i < writes.size(); i++) {
            if (!allowed.get(i)) {
                states.add(null);
                continue;
            }
            Map<String, String> next = writes.get(i).applyTo(state.attributes());
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
