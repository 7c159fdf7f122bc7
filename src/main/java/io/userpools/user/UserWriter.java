package io.userpools.user;

import io.smallrye.mutiny.Uni;
import io.userpools.common.error.AliasExistsException;
import io.userpools.common.error.UsernameExistsException;
import io.userpools.pool.Pool;
import io.userpools.pool.StandardAttributes;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The one writer of users' attributes, status and sign-in identifiers: every plan of the
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
    private final AliasRepository aliases;

    public UserWriter(UserRepository users, AliasRepository aliases) {
        this.users = users;
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
    public Uni<PoolUser> create(SqlClient sql, Pool pool, PoolUser user, UserChange change, Instant now) {
        return users.insert(sql, user, pool.key(user.username()))
                .flatMap(inserted -> inserted ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new UsernameExistsException(USERNAME_TAKEN)))
                .flatMap(ignored -> identifiers(sql, pool, user.sub(), change, true, now))
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
    public Uni<PoolUser> apply(SqlClient sql, Pool pool, PoolUser user, UserChange change, Instant now) {
        return identifiers(sql, pool, user.sub(), change, false, now).flatMap(v -> users.updateUser(sql, user,
                change.status() == null ? user.status() : change.status(), change.attributes(), change.pending(), now));
    }

    /** The fast path's multi-user merge statement ({@link UserRepository#mergeMany}). */
    public Uni<List<PoolUser>> mergeMany(List<UserRepository.Merge> merges, Instant now) {
        return users.mergeMany(users.pool(), merges, now);
    }

    /** The fast path's batch store ({@link UserRepository#compareAndSetAttributes}). */
    public Uni<Boolean> compareAndSet(PoolUser read, Map<String, String> attributes, long newVersion, Instant now) {
        return users.compareAndSetAttributes(users.pool(), read, attributes, newVersion, now);
    }

    /** Identifiers in order: releases (none for a new user), moves, then adds. */
    private Uni<Void> identifiers(SqlClient sql, Pool pool, UUID sub, UserChange change, boolean fresh,
            Instant now) {
        Set<String> released = new LinkedHashSet<>(change.aliasesToRemove());
        released.addAll(change.aliasesToAdd().keySet());
        released.addAll(change.aliasesToMove().keySet());
        Uni<Void> chain = fresh ? Uni.createFrom().voidItem() : aliases.remove(sql, pool.id(), sub, released);
        for (Map.Entry<String, String> move : change.aliasesToMove().entrySet()) {
            String key = pool.key(move.getValue());
            chain = chain.flatMap(v -> takeAlias(sql, pool, move.getKey(), key, sub, now))
                    .flatMap(v -> aliases.add(sql, pool.id(), move.getKey(), key, sub));
        }
        for (Map.Entry<String, String> add : change.aliasesToAdd().entrySet()) {
            chain = chain.flatMap(v -> aliases.add(sql, pool.id(), add.getKey(), pool.key(add.getValue()), sub));
        }
        return chain;
    }

    /**
     * Where an identifier changes hands: a verified alias is taken from its previous holder, who
     * keeps the value with its {@code *_verified} flag set to false ([3.3]).
     */
    private Uni<Void> takeAlias(SqlClient sql, Pool pool, String attribute, String key, UUID sub, Instant now) {
        return aliases.takeFromOthers(sql, pool.id(), attribute, key, sub).flatMap(previous -> previous == null
                ? Uni.createFrom().voidItem()
                : users.markUnverified(sql, pool.id(), previous, StandardAttributes.verifiedFlagOf(attribute), now));
    }
}
