package io.userpools.verification;

import io.userpools.history.Provenance;
import io.userpools.history.Provenances;
import io.smallrye.mutiny.Uni;
import io.userpools.common.error.CodeMismatchException;
import io.userpools.common.error.ExpiredCodeException;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.pool.Pool;
import io.userpools.pool.StandardAttributes;
import io.userpools.trigger.TriggerSource;
import io.userpools.attribute.AttributePolicy;
import io.userpools.attribute.UpdatePlan;
import io.userpools.user.PoolUser;
import io.userpools.user.SelfAccess;
import io.userpools.user.UserLookup;
import io.userpools.user.UserRepository;
import io.userpools.user.UserWriter;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** GetUserAttributeVerificationCode ([2.5]) and VerifyUserAttribute ([2.6]) for a signed-in user. */
@Singleton
public class VerificationService {

    public static final String NOT_VERIFIABLE = "Invalid attribute name. Only phone_number and email can be verified.";
    public static final String EXPIRED = "Invalid code provided, please request a code again.";
    public static final String MISMATCH = "Invalid verification code provided, please try again.";

    private final UserRepository users;
    private final UserWriter writer;
    private final CodeRepository codes;
    private final AttemptRepository attempts;
    private final CodeIssuer issuer;
    /** The reason history gives for a change a code check makes (the service is its actor). */
    public static final String CODE_VERIFICATION = "code-verification";

    private final Provenances provenances;
    private final Clock clock;

    public VerificationService(UserRepository users, UserWriter writer, CodeRepository codes,
            AttemptRepository attempts, CodeIssuer issuer, Provenances provenances, Clock clock) {
        this.provenances = provenances;
        this.users = users;
        this.writer = writer;
        this.codes = codes;
        this.attempts = attempts;
        this.issuer = issuer;
        this.clock = clock;
    }

    /**
     * GetUserAttributeVerificationCode: a fresh code to the attribute's current active value (even
     * while another value is pending), superseding earlier codes, through the custom message
     * trigger ({@code CustomMessage_VerifyUserAttribute}) and the outbox.
     *
     * @param clientId       the access token's app client
     * @param clientMetadata for the trigger only; never stored or logged
     * @throws InvalidParameterException for an attribute other than email/phone_number, or no value
     * @throws io.userpools.common.error.UserNotFoundException when the user is gone
     * @throws io.userpools.common.error.LimitExceededException after 5 requests in the hour
     * @throws io.userpools.common.error.InvalidEmailRoleAccessPolicyException (or the SMS one) when the channel is missing
     * @throws io.userpools.common.error.UserLambdaValidationException and the other trigger failures of [2.1]
     */
    public Uni<CodeDeliveryDetails> sendCode(Pool pool, UUID sub, String attribute, String clientId,
            Map<String, String> clientMetadata) {
        return Uni.createFrom().deferred(() -> {
            requireVerifiable(attribute);
            return users.findBySub(users.pool(), pool.id(), sub, false)
                    .onItem().ifNull().failWith(UserLookup::notFound)
                    .flatMap(user -> {
                        String value = user.attributes().get(attribute);
                        if (value == null || value.isEmpty()) {
                            throw new InvalidParameterException(StandardAttributes.EMAIL.equals(attribute)
                                    ? "User does not have a valid registered email address"
                                    : "User does not have a valid registered phone number");
                        }
                        Map<String, String> target = Map.of(attribute, value);
                        issuer.requireChannels(target);
                        Instant now = clock.instant();
                        return attempts.hit(users.pool(), pool.id(), sub, AttemptLimits.SEND_CODE, now)
                                .invoke(window -> AttemptLimits.SEND_CODE.check(window.attempts(), window.start(), now))
                                .flatMap(w -> issuer.prepare(pool, user, user.attributes(), target,
                                        TriggerSource.CustomMessage_VerifyUserAttribute, clientId, clientMetadata))
                                .flatMap(prepared -> users.pool().withTransaction(sql ->
                                        issuer.write(sql, pool, user, prepared)))
                                .invoke(issuer::afterCommit)
                                .map(details -> details.get(0));
                    });
        });
    }

    /**
     * VerifyUserAttribute: checks the code and marks the value verified. A code for a pending value
     * promotes it to active (releasing the old alias and taking the new one); a code for the active
     * value verifies it. The code is consumed.
     *
     * @throws InvalidParameterException for an attribute other than email/phone_number or a blank code
     * @throws io.userpools.common.error.LimitExceededException after 15 attempts in the hour (wrong ones count)
     * @throws ExpiredCodeException  no code, a used or expired one, or one for a value the user no longer has
     * @throws CodeMismatchException a wrong code
     * @throws io.userpools.common.error.AliasExistsException when the value is another user's alias
     * @throws io.userpools.common.error.UserNotFoundException when the user is gone
     */
    public Uni<PoolUser> verify(Pool pool, UUID sub, String attribute, String code) {
        return verify(pool, sql -> users.findBySub(sql, pool.id(), sub, true).onItem().ifNull()
                .failWith(UserLookup::notFound), attribute, code,
                provenances.service("VerifyUserAttribute", CODE_VERIFICATION));
    }

    /**
     * The same for a self-service call whose token's state the locking read checks
     * ({@link SelfAccess#find}); a refused token uses up no attempt.
     */
    public Uni<PoolUser> verify(SelfAccess access, String attribute, String code) {
        return verify(access.pool(), sql -> access.find(users, sql, true), attribute, code,
                provenances.service("VerifyUserAttribute", CODE_VERIFICATION));
    }

    private Uni<PoolUser> verify(Pool pool, Function<SqlClient, Uni<PoolUser>> lockUser, String attribute,
            String code, Provenance by) {
        return Uni.createFrom().deferred(() -> {
            requireVerifiable(attribute);
            if (code == null || code.isBlank()) {
                throw InvalidParameterException.detected("code", RequestConstraints.pattern("[\\S]+"));
            }
            Instant now = clock.instant();
            // the attempt counts after the locking read (which may carry the token's state conditions)
            return users.pool().withTransaction(sql -> lockUser.apply(sql)
                    .flatMap(user -> attempts.hit(sql, pool.id(), user.sub(), AttemptLimits.VERIFY, now)
                            .invoke(window -> AttemptLimits.VERIFY.check(window.attempts(), window.start(), now))
                            .flatMap(w -> verifyLocked(sql, pool, user, attribute, code, now, by))))
                    .map(result -> {
                        if (result.outcome() == CodeCheck.Outcome.MISMATCH) {
                            throw new CodeMismatchException(MISMATCH);
                        }
                        if (result.user() == null) {
                            throw new ExpiredCodeException(EXPIRED);
                        }
                        return result.user();
                    });
        });
    }

    private record Result(CodeCheck.Outcome outcome, PoolUser user) {
    }

    private Uni<Result> verifyLocked(SqlClient sql, Pool pool, PoolUser user, String attribute, String offered,
            Instant now, Provenance by) {
        UUID sub = user.sub();
        return codes.find(sql, pool.id(), sub, attribute, true).flatMap(stored -> {
            String active = user.attributes().get(attribute);
            String pending = user.pending().get(attribute);
            boolean matches = stored != null && issuer.hasher().matches(stored.codeHmac(), pool.id(), sub,
                    attribute, stored.targetValue(), offered);
            CodeCheck.Outcome outcome = CodeCheck.decide(stored, matches, active, pending, now);
            return switch (outcome) {
                case EXPIRED, MISMATCH -> Uni.createFrom().item(new Result(outcome, null));
                case EXPIRED_DROP_PENDING -> dropPending(sql, pool, user, attribute, now, by.byService("code-expired"))
                        .replaceWith(new Result(outcome, null));
                case PROMOTE_PENDING, CONFIRM_ACTIVE -> apply(sql, pool, user, attribute, stored.targetValue(),
                        outcome == CodeCheck.Outcome.PROMOTE_PENDING, now, by)
                        .map(updated -> new Result(outcome, updated));
            };
        });
    }

    private Uni<PoolUser> apply(SqlClient sql, Pool pool, PoolUser user, String attribute, String value,
            boolean promote, Instant now, Provenance by) {
        UpdatePlan plan = AttributePolicy.planVerified(pool, user.attributes(), user.pending(), attribute, value,
                promote);
        return codes.consume(sql, pool.id(), user.sub(), attribute, now)
                .flatMap(v -> writer.apply(sql, pool, user, plan.change(), now, by));
    }

    private Uni<Void> dropPending(SqlClient sql, Pool pool, PoolUser user, String attribute, Instant now,
            Provenance by) {
        UpdatePlan plan = AttributePolicy.planDropPending(user.attributes(), user.pending(), attribute);
        return codes.delete(sql, pool.id(), user.sub(), attribute)
                .flatMap(v -> writer.apply(sql, pool, user, plan.change(), now, by)).replaceWithVoid();
    }

    private static void requireVerifiable(String attribute) {
        if (!StandardAttributes.VERIFIABLE.contains(attribute)) {
            throw new InvalidParameterException(NOT_VERIFIABLE);
        }
    }
}
