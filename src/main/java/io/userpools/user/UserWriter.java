package io.userpools.user;

import io.smallrye.mutiny.Uni;
import io.userpools.common.error.AliasExistsException;
import io.userpools.common.error.UsernameExistsException;
import io.userpools.pool.Pool;
import io.userpools.pool.StandardAttributes;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.inject.Singleton;
import io.userpools.history.Changes;
import io.userpools.history.Entry;
import io.userpools.history.Provenance;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The one writer of users (attributes, status, password, enabled flag, sign-in identifiers) and
 * of their history: every write records one {@code user_history} entry (who, by which operation,
 * what changed) in the same statement as the change. Every plan of the
 * attribute policy ({@link UserChange}), whoever asked (admin and self-service updates,
 * verification, AdminCreateUser, sign-up and confirmation), is carried out here, inside the
 * caller's transaction, identifiers first so that a clash aborts before the row changes. An
 * identifier changes hands only in {@link #takeAlias}. The fast path of attribute writes (merges
 * that do not depend on the user's state) runs its batched statements through here as well
 * ({@link #mergeMany}, {@link #compareAndSet}), with no extra round trip.
 */
@Singleton
public class UserWriter {

    /** What {@link #create} answers when the username is taken. */
    public static final String USERNAME_TAKEN = "User account already exists";

    private final UserRepository users;
    private final BatchedWrites batches;
    private final AliasRepository aliases;

    public UserWriter(UserRepository users, BatchedWrites batches, AliasRepository aliases) {
        this.users = users;
        this.batches = batches;
        this.aliases = aliases;
    }

    /**
     * Inserts a new user (its {@code change} carries attributes, no pending values, and the
     * identifiers to add or take) and records its identifiers.
     *
     * @throws UsernameExistsException when the username is taken, or (pools with username
     *                                 attributes) the email or phone number is another user's
     * @throws AliasExistsException    when a verified alias is taken and not moved
     */
    public Uni<PoolUser> create(SqlClient sql, Pool pool, PoolUser user, UserChange change, Instant now,
            Provenance by) {
        Changes changes = Changes.of(pool.unkeptAttributes()).attributes(Map.of(), user.attributes())
                .status(null, user.status().name());
        if (user.passwordHash() != null) {
            changes.password(passwordKind(user.status()));
        }
        Entry entry = new Entry(Entry.CREATED, by, changes.json());
        return users.insert(sql, user, pool.key(user.username()), entry)
                .flatMap(inserted -> inserted ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new UsernameExistsException(USERNAME_TAKEN)))
                .flatMap(ignored -> identifiers(sql, pool, user.sub(), change, true, now, by))
                .onFailure(AliasExistsException.class)
                .transform(e -> pool.hasUsernameAttributes() ? new UsernameExistsException(e.getMessage()) : e)
                .replaceWith(user);
    }

    /**
     * Applies a change to a user whose row the caller's transaction holds locked, and answers the
     * user as stored (version advanced by one).
     *
     * @throws AliasExistsException when an identifier to add is another user's
     */
    public Uni<PoolUser> apply(SqlClient sql, Pool pool, PoolUser user, UserChange change, Instant now,
            Provenance by) {
        UserStatus status = change.status() == null ? user.status() : change.status();
        Entry entry = new Entry(Entry.UPDATED, by, Changes.of(pool.unkeptAttributes())
                .attributes(user.attributes(), change.attributes()).pending(user.pending(), change.pending())
                .status(user.status().name(), status.name()).json());
        return identifiers(sql, pool, user.sub(), change, false, now, by).flatMap(v -> users.updateUser(sql, user,
                status, change.attributes(), change.pending(), now, entry));
    }

    /**
     * The fast path's multi-user merge statement ({@link BatchedWrites#mergeMany}); each merge
     * that changes its user records its entry in the same statement.
     */
    public Uni<List<PoolUser>> mergeMany(List<BatchedWrites.Merge> merges, Instant now) {
        return batches.mergeMany(users.pool(), merges, now);
    }

    /**
     * The fast path's batch store ({@link BatchedWrites#compareAndSetAttributes}) with one entry
     * per write of the batch that changed the user, in the same statement.
     */
    public Uni<Boolean> compareAndSet(PoolUser read, Map<String, String> attributes, long newVersion,
            List<BatchedWrites.Recorded> entries, Instant now) {
        return batches.compareAndSetAttributes(users.pool(), read, attributes, newVersion, entries, now);
    }

    /**
     * Sets a new password hash and status (CONFIRMED or FORCE_CHANGE_PASSWORD) on a user, records
     * when (a temporary password's validity starts again), and forgets its failed sign-ins, so a
     * locked-out user can sign in with the new password. History records {@code temporary} for a
     * FORCE_CHANGE_PASSWORD status, else {@code set}.
     */
    public Uni<Void> setPassword(SqlClient sql, PoolUser user, String hash, UserStatus status, Instant now,
            Provenance by) {
        return users.setPassword(sql, user, hash, status, now, new Entry(Entry.UPDATED, by,
                Changes.of(Set.of()).status(user.status().name(), status.name()).password(passwordKind(status))
                        .json()));
    }

    private static Changes.Password passwordKind(UserStatus status) {
        return status == UserStatus.FORCE_CHANGE_PASSWORD ? Changes.Password.TEMPORARY : Changes.Password.SET;
    }

    /** AdminResetUserPassword's write: status RESET_REQUIRED, the current password no longer signs in. */
    public Uni<Void> requireReset(SqlClient sql, PoolUser user, Instant now, Provenance by) {
        return users.requireReset(sql, user, now, new Entry(Entry.UPDATED, by, Changes.of(Set.of())
                .status(user.status().name(), UserStatus.RESET_REQUIRED.name()).password(Changes.Password.RESET)
                .json()));
    }

    /** Enables or disables a user (the caller revokes sessions as the operation requires). */
    public Uni<Void> setEnabled(SqlClient sql, PoolUser user, boolean enabled, Instant now, Provenance by) {
        return users.setEnabled(sql, user, enabled, now, new Entry(Entry.UPDATED, by,
                Changes.of(Set.of()).enabled(user.enabled(), enabled).json()));
    }

    /**
     * Global sign-out: revokes every session of the user (its refresh tokens and the access tokens
     * issued from them) and records the instant, in one statement. Sessions are not user data:
     * history records nothing and the version stays.
     */
    public Uni<Void> signOut(SqlClient sql, String poolId, UUID sub, Instant now) {
        return users.signOut(sql, poolId, sub, now);
    }

    /**
     * Deletes a user with its identifiers, codes and sessions (by cascade); its history stays.
     *
     * @return false when no such user existed
     */
    public Uni<Boolean> delete(SqlClient sql, PoolUser user, Instant now, Provenance by) {
        return users.delete(sql, user.poolId(), user.sub(), new Entry(Entry.DELETED, by, new JsonObject()), now);
    }

    /** Identifiers in order: releases (none for a new user), moves, then adds. */
    private Uni<Void> identifiers(SqlClient sql, Pool pool, UUID sub, UserChange change, boolean fresh,
            Instant now, Provenance by) {
        Set<String> released = new LinkedHashSet<>(change.aliasesToRemove());
        released.addAll(change.aliasesToAdd().keySet());
        released.addAll(change.aliasesToMove().keySet());
        Uni<Void> chain = fresh ? Uni.createFrom().voidItem() : aliases.remove(sql, pool.id(), sub, released);
        for (Map.Entry<String, String> move : change.aliasesToMove().entrySet()) {
            String key = pool.key(move.getValue());
            chain = chain.flatMap(v -> takeAlias(sql, pool, move.getKey(), key, sub, now, by))
                    .flatMap(v -> aliases.add(sql, pool.id(), move.getKey(), key, sub));
        }
        for (Map.Entry<String, String> add : change.aliasesToAdd().entrySet()) {
            chain = chain.flatMap(v -> aliases.add(sql, pool.id(), add.getKey(), pool.key(add.getValue()), sub));
        }
        return chain;
    }

    /**
     * Where an identifier changes hands: a verified alias is taken from its previous holder, who
     * keeps the value with its {@code *_verified} flag set to false ([3.3]), recorded in its own
     * history under the same operation and actor.
     */
    private Uni<Void> takeAlias(SqlClient sql, Pool pool, String attribute, String key, UUID sub, Instant now,
            Provenance by) {
        return aliases.takeFromOthers(sql, pool.id(), attribute, key, sub).flatMap(previous -> previous == null
                ? Uni.createFrom().voidItem()
                : users.findBySub(sql, pool.id(), previous, true).flatMap(holder -> {
                    String flag = StandardAttributes.verifiedFlagOf(attribute);
                    if (holder == null || "false".equals(holder.attributes().get(flag))) {
                        return Uni.createFrom().voidItem();
                    }
                    Map<String, String> attributes = new LinkedHashMap<>(holder.attributes());
                    attributes.put(flag, "false");
                    return apply(sql, pool, holder, new UserChange(null, attributes, holder.pending(), Map.of(),
                            Set.of(), Map.of()), now, by).replaceWithVoid();
                }));
    }
}
