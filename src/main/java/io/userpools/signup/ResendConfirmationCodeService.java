package io.userpools.signup;

import io.smallrye.mutiny.Uni;
import io.userpools.auth.PublicClients;
import io.userpools.client.Client;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.error.NotAuthorizedException;
import io.userpools.common.error.ResourceNotFoundException;
import io.userpools.common.error.UserNotFoundException;
import io.userpools.pool.Pool;
import io.userpools.trigger.TriggerSource;
import io.userpools.user.PoolUser;
import io.userpools.user.UserLookup;
import io.userpools.user.UserRepository;
import io.userpools.user.UserStatus;
import io.userpools.verification.AttemptLimits;
import io.userpools.verification.AttemptRepository;
import io.userpools.verification.CodeDeliveryDetails;
import io.userpools.verification.CodeIssuer;
import io.userpools.verification.CodeRepository;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * ResendConfirmationCode (public, by app client; lifecycle 3.3): a new sign-up code for an
 * UNCONFIRMED user, replacing the old one, sent as SignUp sends it (a code, or the link of a
 * CONFIRM_WITH_LINK pool, built by {@link CodeIssuer}). Each user may ask for 5 codes an hour.
 */
@Singleton
public class ResendConfirmationCodeService {

    private final PublicClients gate;
    private final UserRepository users;
    private final UserLookup lookup;
    private final CodeIssuer issuer;
    private final CodeRepository codes;
    private final AttemptRepository attempts;
    private final Clock clock;

    public ResendConfirmationCodeService(PublicClients gate, UserRepository users, UserLookup lookup,
            CodeIssuer issuer, CodeRepository codes, AttemptRepository attempts, Clock clock) {
        this.gate = gate;
        this.users = users;
        this.lookup = lookup;
        this.issuer = issuer;
        this.codes = codes;
        this.attempts = attempts;
        this.clock = clock;
    }

    /**
     * ResendConfirmationCode: a new sign-up code (superseding the old one) to the first
     * auto-verified attribute the UNCONFIRMED user has, through the custom message trigger
     * ({@code CustomMessage_ResendCode}) and the outbox.
     *
     * @throws ResourceNotFoundException for an unknown client
     * @throws NotAuthorizedException    for a bad secret hash
     * @throws UserNotFoundException     for an unknown user, unless the client hides user existence
     *                                   (then simulated details, nothing sent)
     * @throws InvalidParameterException when the user is confirmed, the pool verifies nothing
     *                                   automatically or the user has no value to send to
     * @throws io.userpools.common.error.LimitExceededException after 5 codes in the hour
     * @throws io.userpools.common.error.UserLambdaValidationException and the other messaging failures
     */
    public Uni<CodeDeliveryDetails> resend(ResendConfirmationCodeCommand command) {
        return gate.clientAndPool(command.clientId()).flatMap(cp -> {
            Pool pool = cp.pool();
            Client client = cp.client();
            gate.requireSecretHash(client, command.secretHash(), command.username());
            String simulated = SignUpCodes.simulatedChannel(pool);
            return lookup.resolve(users.pool(), pool, command.username(), false)
                    .onFailure(UserNotFoundException.class).recoverWithUni(e -> {
                        if (client.settings().hidesUserExistence() && simulated != null) {
                            return Uni.createFrom().<PoolUser>nullItem();
                        }
                        return Uni.createFrom().failure(new UserNotFoundException(SignUpCodes.UNKNOWN));
                    })
                    .flatMap(user -> user == null
                            ? Uni.createFrom().item(SignUpCodes.simulated(pool, issuer.hasher(), simulated,
                                    command.username()))
                            : resendTo(pool, client, user, command.clientMetadata()));
        });
    }

    private Uni<CodeDeliveryDetails> resendTo(Pool pool, Client client, PoolUser user, Map<String, String> metadata) {
        if (user.status() != UserStatus.UNCONFIRMED) {
            throw new InvalidParameterException("User is already confirmed.");
        }
        if (SignUpCodes.simulatedChannel(pool) == null) {
            throw new InvalidParameterException("Cannot resend codes. Auto verification not turned on.");
        }
        String channel = SignUpCodes.channel(pool, user.attributes());
        if (channel == null) {
            // Our wording [D] (lifecycle 3.3 step 4).
            throw new InvalidParameterException(
                    "Cannot resend codes. User has no email or phone number to send a code to.");
        }
        Map<String, String> target = Map.of(channel, user.attributes().get(channel));
        issuer.requireChannels(target);
        Instant now = clock.instant();
        return attempts.hit(users.pool(), pool.id(), user.sub(), AttemptLimits.RESEND_SIGN_UP_CODE, now)
                .invoke(w -> AttemptLimits.RESEND_SIGN_UP_CODE.check(w.attempts(), w.start(), now))
                .flatMap(w -> issuer.prepareSignUp(pool, user, user.attributes(), target,
                        TriggerSource.CustomMessage_ResendCode, client.clientId(), metadata))
                .flatMap(prepared -> users.pool().withTransaction(sql -> SignUpCodes.drop(codes, sql, pool,
                                user.sub())
                        .flatMap(v -> issuer.write(sql, pool, user, SignUpCodes.keyed(prepared)))))
                .invoke(issuer::afterCommit)
                .map(details -> details.get(0));
    }
}
