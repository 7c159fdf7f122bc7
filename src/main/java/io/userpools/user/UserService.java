package io.userpools.user;

import io.userpools.history.Provenance;
import io.userpools.history.Provenances;
import io.smallrye.mutiny.Uni;
import io.userpools.attribute.AttributePolicy;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.error.UnsupportedUserStateException;
import io.userpools.common.error.UsernameExistsException;
import io.userpools.invitation.InvitationSender;
import io.userpools.invitation.Invitations;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolService;
import io.userpools.trigger.CustomMessageTrigger;
import io.userpools.verification.CodeDeliveryDetails.DeliveryMedium;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** AdminCreateUser with its invitation, AdminGetUser and AdminDeleteUser ([2.7], [2.8], lifecycle spec 5). */
@Singleton
public class UserService {

    private final PoolService pools;
    private final UserRepository users;
    private final UserWriter writer;
    private final UserLookup lookup;
    private final Provenances provenances;
    private final Clock clock;
    private final UserAccountRepository accounts;
    private final InvitationSender invitations;

    public UserService(PoolService pools, UserRepository users, UserWriter writer, UserLookup lookup,
            Provenances provenances, Clock clock, UserAccountRepository accounts, InvitationSender invitations) {
        this.provenances = provenances;
        this.pools = pools;
        this.users = users;
        this.writer = writer;
        this.lookup = lookup;
        this.clock = clock;
        this.accounts = accounts;
        this.invitations = invitations;
    }

    /**
     * AdminCreateUser: a new user in FORCE_CHANGE_PASSWORD with a bcrypt-hashed temporary password
     * (the given one, checked against the pool's policy, or a generated one). In pools with
     * username attributes the username must be an email or phone number, which becomes that
     * attribute, and the real username is the new {@code sub}. Sign-in identifiers are recorded;
     * with {@code forceAliasCreation} a verified alias of an alias pool moves from its holder, who
     * keeps the value unverified. Unless {@code messageAction} is SUPPRESS, the invitation with the
     * temporary password goes out on the media of lifecycle spec 5.1, through the custom message
     * trigger ({@code CustomMessage_AdminCreateUser}, with {@code clientMetadata}) and the outbox,
     * in the transaction that creates the user. With RESEND the existing user gets a new temporary
     * password and the invitation again ({@link #resend}). Every check, and the trigger, run
     * before anything is written: a veto creates nothing. {@code clientMetadata} is never stored
     * or logged.
     *
     * @throws io.userpools.common.error.ResourceNotFoundException for an unknown pool
     * @throws InvalidParameterException for an invalid username or attributes, a requested medium
     *                                   without its attribute, or an unusable trigger text
     * @throws io.userpools.common.error.InvalidPasswordException when the temporary password breaks the policy
     * @throws UsernameExistsException when the username (or, in a username-attribute pool, the
     *                                 email or phone number) is taken
     * @throws io.userpools.common.error.AliasExistsException when a verified alias is taken and not forced
     * @throws io.userpools.common.error.UserLambdaValidationException when the trigger vetoes, and
     *                                   the other trigger and channel failures of [2.1]
     */
    public Uni<PoolUser> create(String poolId, CreateUserCommand request) {
        Provenance by = provenances.admin("AdminCreateUser");
        return pools.get(poolId).flatMap(pool -> {
            if (Invitations.RESEND.equals(request.messageAction())) {
                return resend(pool, request, by);
            }
            NewUsers.Draft draft = NewUsers.draft(pool, request, UUID.randomUUID());
            List<DeliveryMedium> media = Invitations.media(request.messageAction(), request.desiredDeliveryMediums(),
                    draft.attributes());
            Instant created = clock.instant();
            PoolUser draftUser = new PoolUser(pool.id(), draft.sub(), draft.username(),
                    UserStatus.FORCE_CHANGE_PASSWORD, true, null, draft.attributes(), Map.of(), 1, created, created,
                    null);
            return usernameFree(pool, draftUser, media)
                    .chain(() -> invitations.prepare(pool, draftUser, draft.password(), media,
                            request.clientMetadata()))
                    .flatMap(invitation -> Passwords.hash(draft.password()).flatMap(hash -> {
                        Instant now = clock.instant();
                        PoolUser user = new PoolUser(pool.id(), draft.sub(), draft.username(),
                                UserStatus.FORCE_CHANGE_PASSWORD, true, hash, draft.attributes(), Map.of(), 1, now,
                                now, null);
                        UserChange change = AttributePolicy.planCreate(pool, user.status(), user.attributes(),
                                Boolean.TRUE.equals(request.forceAliasCreation()));
                        return users.pool().withTransaction(sql -> writer.create(sql, pool, user, change, now, by)
                                .flatMap(ignored -> invitations.write(sql, pool, invitation))
                                .replaceWith(user))
                                .invoke(() -> invitations.afterCommit(invitation));
                    }));
        });
    }

    /**
     * Before the custom message trigger sees an invitation, a taken username answers at once (the
     * insert checks again); without a trigger or invitation nothing is asked before the insert.
     */
    private Uni<Void> usernameFree(Pool pool, PoolUser user, List<DeliveryMedium> media) {
        if (media.isEmpty() || !CustomMessageTrigger.configured(pool)) {
            return Uni.createFrom().voidItem();
        }
        return users.findByUsernameKey(users.pool(), pool.id(), pool.key(user.username()), false)
                .map(found -> {
                    if (found != null) {
                        throw usernameExists();
                    }
                    return null;
                });
    }

    private static UsernameExistsException usernameExists() {
        return new UsernameExistsException("User account already exists");
    }

    /**
     * AdminCreateUser with MessageAction RESEND (lifecycle spec 5.3): the user (by username, sub
     * or alias) must be in FORCE_CHANGE_PASSWORD; it gets a new temporary password (given or
     * generated) whose validity starts now, and the invitation again. Attributes and
     * {@code forceAliasCreation} of the request are ignored.
     */
    private Uni<PoolUser> resend(Pool pool, CreateUserCommand request, Provenance by) {
        String password = NewUsers.temporaryPassword(pool.settings().passwordPolicy(), request.temporaryPassword());
        return lookup.resolve(users.pool(), pool, request.username(), false).flatMap(found -> {
            requireResendable(found);
            List<DeliveryMedium> media = Invitations.media(null, request.desiredDeliveryMediums(), found.attributes());
            return invitations.prepare(pool, found, password, media, request.clientMetadata())
                    .flatMap(invitation -> Passwords.hash(password).flatMap(hash -> users.pool().withTransaction(sql ->
                            users.findBySub(sql, pool.id(), found.sub(), true).flatMap(user -> {
                                if (user == null) {
                                    throw UserLookup.notFound();
                                }
                                requireResendable(user);
                                return writer.setPassword(sql, user, hash, UserStatus.FORCE_CHANGE_PASSWORD,
                                                clock.instant(), by)
                                        .flatMap(ignored -> invitations.write(sql, pool, invitation))
                                        .flatMap(ignored -> users.findBySub(sql, pool.id(), user.sub(), false));
                            }))
                            .invoke(() -> invitations.afterCommit(invitation))));
        });
    }

    private static void requireResendable(PoolUser user) {
        if (user.status() != UserStatus.FORCE_CHANGE_PASSWORD) {
            throw new UnsupportedUserStateException("Resend not possible. " + user.username()
                    + " status is not FORCE_CHANGE_PASSWORD");
        }
    }

    /**
     * GetUser: the token's user, in one read that carries the token's state conditions; when they
     * fail, the state check answers the precise Cognito error (or the user, if they hold by then).
     */
    public Uni<PoolUser> self(SelfAccess access) {
        return access.find(users, users.pool(), false);
    }

    /**
     * AdminGetUser: the user that the name designates (username, sub or alias).
     *
     * @throws io.userpools.common.error.ResourceNotFoundException for an unknown pool
     * @throws io.userpools.common.error.UserNotFoundException when nothing matches
     */
    public Uni<PoolUser> get(String poolId, String name) {
        return pools.get(poolId).flatMap(pool -> lookup.resolve(users.pool(), pool, name, false));
    }

    /**
     * AdminDeleteUser: removes the user with its identifiers, codes and sessions.
     *
     * @throws io.userpools.common.error.ResourceNotFoundException for an unknown pool
     * @throws io.userpools.common.error.UserNotFoundException when nothing matches
     */
    public Uni<Void> delete(String poolId, String name) {
        Provenance by = provenances.admin("AdminDeleteUser");
        return pools.get(poolId).flatMap(pool -> users.pool().withTransaction(sql ->
                lookup.resolve(sql, pool, name, true).flatMap(user -> writer.delete(sql, user, clock.instant(), by))))
                .replaceWithVoid();
    }
}
