package io.userpools.attribute;

import io.smallrye.mutiny.Uni;
import io.userpools.common.error.PreconditionFailedException;
import io.userpools.history.Provenance;
import io.userpools.history.Provenances;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolService;
import io.userpools.pool.StandardAttributes;
import io.userpools.user.PoolUser;
import io.userpools.user.SelfAccess;
import io.userpools.user.UserLookup;
import io.userpools.user.UserRepository;
import io.userpools.user.UserWriter;
import io.userpools.trigger.TriggerSource;
import io.userpools.verification.CodeIssuer;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Attribute writes, admin and self-service ([2.2], [2.3], [2.4]). Each write is one transaction:
 * the user's row is locked, the policy plans the change against the locked state, and the new
 * attributes, pending values and identifiers are written before commit. Concurrent writes to one
 * user therefore queue on the row lock and never lose each other's changes; writes that deadlock
 * on identifiers are retried. A write that sends verification codes calls the custom message
 * trigger before that transaction, with no lock or connection held, and commits only if the user
 * has not changed since it was planned (else it plans again). Admin writes that touch no
 * state-dependent attribute, and self-service writes of the same kind, take the fast path instead
 * ({@link MergeWrite}, {@link MergeLanes}).
 */
@Singleton
public class AttributeService {

    /** Unlocked read-plan-trigger rounds before a write that sends codes takes the locked path. */
    private static final int UNLOCKED_ATTEMPTS = 3;

    private final PoolService pools;
    private final UserRepository users;
    private final UserLookup lookup;
    private final UserWriter writer;
    private final CodeIssuer codes;
    private final MergeLanes lanes;
    private final Provenances provenances;
    private final Clock clock;

    public AttributeService(PoolService pools, UserRepository users, UserLookup lookup, UserWriter writer,
            CodeIssuer codes, MergeLanes lanes, Provenances provenances, Clock clock) {
        this.provenances = provenances;
        this.pools = pools;
        this.users = users;
        this.lookup = lookup;
        this.writer = writer;
        this.codes = codes;
        this.lanes = lanes;
        this.clock = clock;
    }

    /**
     * AdminUpdateUserAttributes: applies (or holds pending) every attribute of the request, or none.
     *
     * @param expectedVersion the If-Match version, or null
     * @throws io.userpools.common.error.ResourceNotFoundException for an unknown pool
     * @throws io.userpools.common.error.UserNotFoundException     when the name designates nobody
     * @throws io.userpools.common.error.InvalidParameterException for any rule the request breaks
     * @throws io.userpools.common.error.AliasExistsException      when an identifier is taken
     * @throws PreconditionFailedException                          when the version does not match
     * @throws io.userpools.common.error.UserLambdaValidationException and the other messaging failures
     *         of [2.1] when a code is due; nothing changes then
     */
    public Uni<UpdateOutcome> adminUpdate(String poolId, String username, Map<String, String> attributes,
            Map<String, String> clientMetadata, Long expectedVersion) {
        Provenance by = provenances.admin("AdminUpdateUserAttributes");
        return pools.get(poolId).flatMap(pool -> {
            Supplier<Uni<UpdateOutcome>> general = () -> write(pool,
                    (sql, lock) -> lookup.resolve(sql, pool, username, lock), expectedVersion,
                    user -> AttributePolicy.planUpdate(pool, UpdateContext.ADMIN, null, user.attributes(),
                            user.pending(), attributes), new Caller(null, clientMetadata, by), mayIssueCodes(attributes));
            if (expectedVersion != null) {
                return general.get();
            }
            // The policy validates fully (throws on any violation) and says whether the outcome
            // depends on the user's current state; when it does not, the write is a merge.
            MergeWrite merge = AttributePolicy.planMerge(pool, attributes);
            if (merge == null) {
                return general.get();
            }
            return lanes.merge(pool.id(), pool.key(username), merge.by(by, pool.unkeptAttributes()))
                    .flatMap(user -> user != null ? Uni.createFrom().item(new UpdateOutcome(user, List.of())) : general.get());
        });
    }

    /**
     * UpdateUserAttributes: the same pipeline for the signed-in user, within the client's write list.
     * Its statements carry the token's state conditions ({@link SelfAccess#guard}): a write that does
     * not depend on the user's state joins the user's merge lane as the admin update does; any
     * other takes the locked path, whose locking read carries them.
     *
     * @throws io.userpools.common.error.NotAuthorizedException (403) for an attribute the client may not
     *         write, or (401) the token's state errors ({@link SelfAccess#checkState})
     */
    public Uni<UpdateOutcome> selfUpdate(SelfAccess access, ClientPermissions client,
            Map<String, String> attributes, Map<String, String> clientMetadata) {
        Pool pool = access.pool();
        Supplier<Uni<UpdateOutcome>> general = () -> write(pool, (sql, lock) -> access.find(users, sql, lock), null,
                user -> AttributePolicy.planUpdate(pool, UpdateContext.SELF, client, user.attributes(),
                        user.pending(), attributes),
                new Caller(client.clientId(), clientMetadata, provenances.user("UpdateUserAttributes", client.clientId())),
                mayIssueCodes(attributes));
        MergeWrite merge = access.username() == null ? null
                : AttributePolicy.planMerge(pool, UpdateContext.SELF, client, attributes);
        if (merge == null) {
            return general.get();
        }
        return lanes.merge(pool.id(), pool.key(access.username()), merge.guardedBy(access.guard())
                        .by(provenances.user("UpdateUserAttributes", client.clientId()), pool.unkeptAttributes()))
                .flatMap(user -> user != null ? Uni.createFrom().item(new UpdateOutcome(user, List.of())) : general.get());
    }

    /**
     * AdminDeleteUserAttributes: removes the named attributes; names without a value are no-ops.
     *
     * @throws io.userpools.common.error.InvalidParameterException for unknown, required or immutable names
     */
    public Uni<PoolUser> adminDelete(String poolId, String username, List<String> names, Long expectedVersion) {
        Caller caller = Caller.quiet(provenances.admin("AdminDeleteUserAttributes"));
        return pools.get(poolId).flatMap(pool -> write(pool, (sql, lock) -> lookup.resolve(sql, pool, username, lock),
                expectedVersion, user -> AttributePolicy.planDelete(pool, UpdateContext.ADMIN, null,
                        user.attributes(), user.pending(), names), caller, false))
                .map(UpdateOutcome::user);
    }

    /** DeleteUserAttributes: the same for the signed-in user, within the client's write list (guarded read). */
    public Uni<PoolUser> selfDelete(SelfAccess access, ClientPermissions client, List<String> names) {
        Pool pool = access.pool();
        return write(pool, (sql, lock) -> access.find(users, sql, lock), null,
                user -> AttributePolicy.planDelete(pool, UpdateContext.SELF, client, user.attributes(),
                        user.pending(), names), Caller.quiet(provenances.user("DeleteUserAttributes", client.clientId())),
                false)
                .map(UpdateOutcome::user);
    }

    /** Finds the user a write is about, locked for update when {@code lock} is set. */
    @FunctionalInterface
    private interface Locator {
        Uni<PoolUser> find(SqlClient sql, boolean lock);
    }

    /**
     * Who asked: for the custom message trigger, the app client (null for admin) and the metadata;
     * for the history entry, the provenance.
     */
    private record Caller(String clientId, Map<String, String> clientMetadata, Provenance by) {
        static Caller quiet(Provenance by) {
            return new Caller(null, null, by);
        }
    }

    /**
     * One write. A request that names neither email nor phone_number never sends a code and takes
     * the locked path at once. One that may send codes is planned under the lock too, and written
     * there when its plan sends none; when it does, the lock is let go and the update takes
     * {@link #triggerFirst}: the channels are checked and the custom message trigger is called with
     * no row lock and no connection held, and the plan is then written only if the user is still
     * at the version it was planned against (else it is planned again). A missing channel, a veto
     * or a trigger failure therefore changes nothing; the codes and their outbox rows are written
     * with the user, and the outbox is nudged after the commit.
     */
    private Uni<UpdateOutcome> write(Pool pool, Locator locate, Long expectedVersion,
            Function<PoolUser, UpdatePlan> planner, Caller caller, boolean mayIssueCodes) {
        Uni<UpdateOutcome> outcome = mayIssueCodes
                ? lockedWithoutCodes(pool, locate, expectedVersion, planner, caller).onItem().ifNull()
                        .switchTo(() -> triggerFirst(pool, locate, expectedVersion, planner, caller, 1))
                : locked(pool, locate, expectedVersion, planner, caller);
        return outcome.invoke(written -> {
            if (!written.deliveries().isEmpty()) {
                codes.afterCommit();
            }
        });
    }

    /**
     * Reads and plans without a lock; a plan that sends codes has them prepared (trigger call) before
     * the transaction, which locks the row and writes only if the user is still the one planned
     * against. Otherwise starts over, {@link #UNLOCKED_ATTEMPTS} times at most, then takes the
     * locked path, so that a user under constant change still gets its update.
     */
    private Uni<UpdateOutcome> triggerFirst(Pool pool, Locator locate, Long expectedVersion,
            Function<PoolUser, UpdatePlan> planner, Caller caller, int attempt) {
        if (attempt > UNLOCKED_ATTEMPTS) {
            return locked(pool, locate, expectedVersion, planner, caller);
        }
        return locate.find(users.pool(), false).flatMap(user -> {
            requireVersion(user, expectedVersion);
            UpdatePlan plan = planner.apply(user);
            if (!plan.changed() || plan.codeTargets().isEmpty()) {
                // no code to send, so no webhook: plan again under the lock, unless the user changed
                // meanwhile so that a code is now due (then start over, with the webhook unlocked)
                return lockedWithoutCodes(pool, locate, expectedVersion, planner, caller).onItem().ifNull()
                        .switchTo(() -> triggerFirst(pool, locate, expectedVersion, planner, caller, attempt + 1));
            }
            return prepare(pool, user, plan, caller)
                    .flatMap(prepared -> storeIfUnchanged(pool, locate, user, plan, prepared, caller.by())).onItem().ifNull()
                    .switchTo(() -> triggerFirst(pool, locate, expectedVersion, planner, caller, attempt + 1));
        });
    }

    /** Locks the row and writes the plan if it still holds the user planned against; else null. */
    private Uni<UpdateOutcome> storeIfUnchanged(Pool pool, Locator locate, PoolUser planned, UpdatePlan plan,
            List<CodeIssuer.Prepared> prepared, Provenance by) {
        return Transactions.retryOnDeadlock(() -> users.pool().withTransaction(sql -> locate.find(sql, true)
                .flatMap(current -> current.sub().equals(planned.sub()) && current.version() == planned.version()
                        ? store(sql, pool, current, plan, prepared, by)
                        : Uni.createFrom().<UpdateOutcome>nullItem())));
    }

    /**
     * Locks the row, plans against the locked state and writes, in one transaction. When the plan
     * sends codes here (only when the user kept changing under {@link #triggerFirst} until it gave
     * up), the trigger is called while the lock is held.
     */
    private Uni<UpdateOutcome> locked(Pool pool, Locator locate, Long expectedVersion,
            Function<PoolUser, UpdatePlan> planner, Caller caller) {
        return underLock(locate, expectedVersion, planner, (sql, user, plan) -> prepare(pool, user, plan, caller)
                .flatMap(prepared -> store(sql, pool, user, plan, prepared, caller.by())));
    }

    /**
     * Locks the row, plans against the locked state and writes a plan that sends no code; null
     * (nothing written, the lock released) when the plan would send one.
     */
    private Uni<UpdateOutcome> lockedWithoutCodes(Pool pool, Locator locate, Long expectedVersion,
            Function<PoolUser, UpdatePlan> planner, Caller caller) {
        return underLock(locate, expectedVersion, planner, (sql, user, plan) -> plan.codeTargets().isEmpty()
                ? store(sql, pool, user, plan, List.of(), caller.by())
                : Uni.createFrom().<UpdateOutcome>nullItem());
    }

    /** What to do with a plan that changes the user, on the transaction that holds its row. */
    private interface LockedStep {
        Uni<UpdateOutcome> apply(SqlClient sql, PoolUser user, UpdatePlan plan);
    }

    /** One transaction: lock the row, check the version, plan; a plan that changes nothing answers the user. */
    private Uni<UpdateOutcome> underLock(Locator locate, Long expectedVersion, Function<PoolUser, UpdatePlan> planner,
            LockedStep step) {
        return Transactions.retryOnDeadlock(() -> users.pool().withTransaction(sql -> locate.find(sql, true)
                .flatMap(user -> {
                    requireVersion(user, expectedVersion);
                    UpdatePlan plan = planner.apply(user);
                    return plan.changed() ? step.apply(sql, user, plan)
                            : Uni.createFrom().item(new UpdateOutcome(user, List.of()));
                })));
    }

    private Uni<List<CodeIssuer.Prepared>> prepare(Pool pool, PoolUser user, UpdatePlan plan, Caller caller) {
        return codes.prepare(pool, user, plan.attributes(), plan.codeTargets(),
                TriggerSource.CustomMessage_UpdateUserAttribute, caller.clientId(), caller.clientMetadata());
    }

    private Uni<UpdateOutcome> store(SqlClient sql, Pool pool, PoolUser user, UpdatePlan plan,
            List<CodeIssuer.Prepared> prepared, Provenance by) {
        return writer.apply(sql, pool, user, plan.change(), clock.instant(), by)
                .flatMap(updated -> codes.write(sql, pool, updated, prepared)
                        .map(deliveries -> new UpdateOutcome(updated, deliveries)));
    }

    private static void requireVersion(PoolUser user, Long expectedVersion) {
        if (expectedVersion != null && user.version() != expectedVersion) {
            throw new PreconditionFailedException(
                    "The user is at version " + user.version() + ", not " + expectedVersion + ".");
        }
    }

    /** Only a request naming email or phone_number can send a verification code. */
    private static boolean mayIssueCodes(Map<String, String> attributes) {
        return attributes.containsKey(StandardAttributes.EMAIL)
                || attributes.containsKey(StandardAttributes.PHONE_NUMBER);
    }
}
