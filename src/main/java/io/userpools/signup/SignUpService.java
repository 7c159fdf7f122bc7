package io.userpools.signup;

import io.smallrye.mutiny.Uni;
import io.userpools.attribute.AttributePolicy;
import io.userpools.auth.PublicClients;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.error.NotAuthorizedException;
import io.userpools.common.error.ResourceNotFoundException;
import io.userpools.common.error.UsernameExistsException;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.history.Provenance;
import io.userpools.history.Provenances;
import io.userpools.pool.Pool;
import io.userpools.trigger.TriggerSource;
import io.userpools.user.NewUsers;
import io.userpools.user.PasswordPolicyCheck;
import io.userpools.user.Passwords;
import io.userpools.user.PoolUser;
import io.userpools.user.UserChange;
import io.userpools.user.UserRepository;
import io.userpools.user.UserStatus;
import io.userpools.user.UserWriter;
import io.userpools.verification.CodeIssuer;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * SignUp (public, by app client; lifecycle 3.1): a user signs up UNCONFIRMED and gets a code on
 * the first auto-verified attribute it has (phone before email) through the custom message
 * trigger and the outbox. The code confirms it in {@link ConfirmSignUpService};
 * {@link ResendConfirmationCodeService} sends another. The user is created through
 * {@link UserWriter} with a plan of {@link AttributePolicy}.
 */
@Singleton
public class SignUpService {

    private final PublicClients gate;
    private final UserRepository users;
    private final UserWriter writer;
    private final CodeIssuer issuer;
    private final Provenances provenances;
    private final Clock clock;

    public SignUpService(PublicClients gate, UserRepository users, UserWriter writer, CodeIssuer issuer,
            Provenances provenances, Clock clock) {
        this.gate = gate;
        this.users = users;
        this.writer = writer;
        this.issuer = issuer;
        this.provenances = provenances;
        this.clock = clock;
    }

    /**
     * SignUp: a new UNCONFIRMED user with the given password and attributes, checked in
     * Cognito's order (client and secret hash, username form, password, attributes within the
     * client's write list, uniqueness), and a confirmation code when an auto-verified attribute
     * has a value. A refusal of the trigger or a missing channel creates nobody.
     *
     * @throws ResourceNotFoundException  for an unknown client
     * @throws NotAuthorizedException     for a missing or wrong secret hash, or (403) an attribute the
     *                                    client may not write
     * @throws InvalidParameterException  for a bad username, attributes or a missing password
     * @throws io.userpools.common.error.InvalidPasswordException when the password breaks the policy
     * @throws UsernameExistsException    when the username (or the username attribute) is taken
     * @throws io.userpools.common.error.UserLambdaValidationException and the other messaging
     *         failures of [B 2.1] when the code cannot be sent
     */
    public Uni<SignUpResult> signUp(SignUpCommand command) {
        Provenance by = provenances.user("SignUp", command.clientId());
        return gate.clientAndPool(command.clientId()).flatMap(cp -> {
            Pool pool = cp.pool();
            gate.requireSecretHash(cp.client(), command.secretHash(), command.username());
            if (pool.settings().invitations().allowAdminCreateUserOnly()) { // lifecycle spec 3.1 step 2, 5.4
                throw new NotAuthorizedException("SignUp is not permitted for this user pool");
            }
            UUID sub = UUID.randomUUID();
            Map<String, String> requested = command.attributes() == null ? Map.of() : command.attributes();
            Map<String, String> attributes = new LinkedHashMap<>(requested);
            String username = NewUsers.username(pool, command.username(), attributes, sub);
            checkPassword(pool, command.password());
            Map<String, String> stored = NewUsers.stored(attributes, sub);
            AttributePolicy.checkSignUp(pool, cp.client().permissions(), requested, stored);
            Instant now = clock.instant();
            return users.findByUsernameKey(users.pool(), pool.id(), pool.key(username), false).flatMap(existing -> {
                if (existing != null) {
                    throw new UsernameExistsException("User already exists");
                }
                return Passwords.hash(command.password());
            }).flatMap(hash -> {
                PoolUser user = new PoolUser(pool.id(), sub, username, UserStatus.UNCONFIRMED, true, hash, stored,
                        Map.of(), 1, now, now, null);
                String channel = SignUpCodes.channel(pool, stored);
                Map<String, String> target = channel == null ? Map.of() : Map.of(channel, stored.get(channel));
                UserChange change = AttributePolicy.planCreate(pool, UserStatus.UNCONFIRMED, stored, false);
                return issuer.prepareSignUp(pool, user, stored, target, TriggerSource.CustomMessage_SignUp,
                                cp.client().clientId(), command.clientMetadata())
                        .flatMap(prepared -> users.pool().withTransaction(sql -> writer.create(sql, pool, user,
                                        change, now, by)
                                .flatMap(created -> issuer.write(sql, pool, created, SignUpCodes.keyed(prepared)))))
                        .onFailure(e -> e instanceof UsernameExistsException
                                && UserWriter.USERNAME_TAKEN.equals(e.getMessage()))
                        .transform(e -> new UsernameExistsException("User already exists"))
                        .map(details -> {
                            if (!details.isEmpty()) {
                                issuer.afterCommit();
                            }
                            return new SignUpResult(false, sub, details.isEmpty() ? null : details.get(0));
                        });
            });
        });
    }

    /** Lifecycle 1.3, 3.1 step 4: required here, then the shape of section 0, then the pool's policy. */
    private static void checkPassword(Pool pool, String password) {
        if (password == null) {
            // Our wording [D], in AWS's "Missing required parameter" style.
            throw new InvalidParameterException("Missing required parameter PASSWORD");
        }
        if (password.isEmpty() || password.length() > 256 || Character.isWhitespace(password.charAt(0))
                || Character.isWhitespace(password.charAt(password.length() - 1))) {
            throw InvalidParameterException.detected("password", RequestConstraints.pattern("^[\\S]+.*[\\S]+$"));
        }
        PasswordPolicyCheck.check(pool.settings().passwordPolicy(), password);
    }
}
