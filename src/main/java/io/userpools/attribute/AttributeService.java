package io.userpools.attribute;

import io.smallrye.mutiny.Uni;
import io.userpools.common.error.PreconditionFailedException;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolService;
import io.userpools.user.PoolUser;
import io.userpools.user.UserLookup;
import io.userpools.user.UserRepository;
import io.userpools.trigger.TriggerSource;
import io.userpools.verification.CodeIssuer;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Attribute writes, admin and self-service ([2.2], [2.3], [2.4]). Each write is one transaction:
 * the user's row is locked, the policy plans the change against the locked state, and the new
 * attributes, pending values and identifiers are written before commit. Concurrent writes to one
 * user therefore queue on the row lock and never lose each other's changes; writes that deadlock
 * on identifiers are retried. Admin writes that touch no state-dependent attribute take the fast
 * path instead ({@link MergeWrite}, {@link MergeLanes}).
 */
@Singleton
public class AttributeService {

    private final PoolService pools;
    private final UserRepository users;
    private final UserLookup lookup;
    private final AttributeWriter writer;
    private final CodeIssuer codes;
    private final MergeLanes lanes;
    private final Clock clock;

    public AttributeService(PoolService pools, UserRepository users, UserLookup lookup, AttributeWriter writer,
            CodeIssuer codes, MergeLanes lanes, Clock clock) {
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
        return pools.get(poolId).flatMap(pool -> {
            Supplier<Uni<UpdateOutcome>> general = () -> write(pool, sql -> lookup.resolve(sql, pool, username, true),
                    expectedVersion, user -> AttributePolicy.planUpdate(pool, UpdateContext.ADMIN, null,
                            user.attributes(), user.pending(), attributes), new Caller(null, clientMetadata));
            if (expectedVersion != null || !MergeWrite.applies(pool, attributes)) {
                return general.get();
            }
            // Validates fully (throws on any violation) before the single-statement write.
            AttributePolicy.planUpdate(pool, UpdateContext.ADMIN, null, Map.of(), Map.of(), attributes);
            return lanes.merge(pool.id(), pool.key(username), MergeWrite.of(attributes))
                    .flatMap(user -> user != null ? Uni.createFrom().item(new UpdateOutcome(user, List.of())) : general.get());
        });
    }

    /**
     * UpdateUserAttributes: the same pipeline for the signed-in user, within the client's write list.
     *
     * @throws io.userpools.common.error.NotAuthorizedException (403) for an attribute the client may not write
     */
    public Uni<UpdateOutcome> selfUpdate(Pool pool, UUID sub, ClientPermissions client,
            Map<String, String> attributes, Map<String, String> clientMetadata) {
        return write(pool, sql -> bySub(sql, pool, sub), null, user -> AttributePolicy.planUpdate(pool,
                UpdateContext.SELF, client, user.attributes(), user.pending(), attributes),
                new Caller(client.clientId(), clientMetadata));
    }

    /**
     * AdminDeleteUserAttributes: removes the named attributes; names without a value are no-ops.
     *
     * @throws io.userpools.common.error.InvalidParameterException for unknown, required or immutable names
     */
    public Uni<PoolUser> adminDelete(String poolId, String username, List<String> names, Long expectedVersion) {
        return pools.get(poolId).flatMap(pool -> write(pool, sql -> lookup.resolve(sql, pool, username, true),
                expectedVersion, user -> AttributePolicy.planDelete(pool, UpdateContext.ADMIN, null,
                        user.attributes(), user.pending(), names), Caller.NONE))
                .map(UpdateOutcome::user);
    }

    /** DeleteUserAttributes: the same for the signed-in user, within the client's write list. */
    public Uni<PoolUser> selfDelete(Pool pool, UUID sub, ClientPermissions client, List<String> names) {
        return write(pool, sql -> bySub(sql, pool, sub), null, user -> AttributePolicy.planDelete(pool,
                UpdateContext.SELF, client, user.attributes(), user.pending(), names), Caller.NONE)
                .map(UpdateOutcome::user);
    }

    private Uni<PoolUser> bySub(SqlClient sql, Pool pool, UUID sub) {
        return users.findBySub(sql, pool.id(), sub, true).onItem().ifNull().failWith(UserLookup::notFound);
    }

    /** Who asked, for the custom message trigger: the app client (null for admin) and the metadata. */
    private record Caller(String clientId, Map<String, String> clientMetadata) {
        static final Caller NONE = new Caller(null, null);
    }

    /**
     * One write. When the plan sends codes, the channels are checked and the custom message
     * trigger is called after planning but before anything is written, so a missing channel, a
     * veto or a trigger failure rolls back a transaction that changed nothing; the codes and their
     * outbox rows are then written with the user, and the outbox is nudged after the commit.
     */
    private Uni<UpdateOutcome> write(Pool pool, Function<SqlClient, Uni<PoolUser>> locate, Long expectedVersion,
            Function<PoolUser, UpdatePlan> planner, Caller caller) {
        return Transactions.retryOnDeadlock(() -> users.pool().withTransaction(sql -> locate.apply(sql)
                .flatMap(user -> {
                    if (expectedVersion != null && user.version() != expectedVersion) {
                        return Uni.createFrom().failure(new PreconditionFailedException(
                                "The user is at version " + user.version() + ", not " + expectedVersion + "."));
                    }
                    UpdatePlan plan = planner.apply(user);
                    if (!plan.changed()) {
                        return Uni.createFrom().item(new UpdateOutcome(user, List.of()));
                    }
                    return codes.prepare(pool, user, plan.attributes(), plan.codeTargets(),
                                    TriggerSource.CustomMessage_UpdateUserAttribute, caller.clientId(),
                                    caller.clientMetadata())
                            .flatMap(prepared -> writer.apply(sql, pool, user, plan, clock.instant())
                                    .flatMap(updated -> codes.write(sql, pool, updated, prepared)
                                            .map(deliveries -> new UpdateOutcome(updated, deliveries))));
                })))
                .invoke(outcome -> {
                    if (!outcome.deliveries().isEmpty()) {
                        codes.afterCommit();
                    }
                });
    }
}
