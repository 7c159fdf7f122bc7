package io.userpools.verification;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.userpools.common.KeyRings;
import io.userpools.common.Metrics;
import io.userpools.common.UserpoolsConfig;
import io.userpools.messaging.Channels;
import io.userpools.messaging.ConfirmationLink;
import io.userpools.messaging.MessageTemplates;
import io.userpools.messaging.OutboxDispatcher;
import io.userpools.messaging.OutboxMessage;
import io.userpools.messaging.OutboxWriter;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolSettings;
import io.userpools.trigger.CustomMessageEvents;
import io.userpools.trigger.CustomMessageTrigger;
import io.userpools.trigger.TriggerSource;
import io.userpools.user.PoolUser;
import io.userpools.verification.CodeDeliveryDetails.DeliveryMedium;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Issues verification codes: checks that the channels exist, asks the custom message trigger for
 * the texts, makes each code, stores its HMAC and queues the message in the outbox. Two phases,
 * so that a caller can run the trigger before its transaction, with no row lock or connection held:
 * {@link #prepare} talks to no database and may fail (channel missing, veto, trigger failure,
 * unusable text); {@link #write} stores codes and messages on the caller's transaction. After the
 * commit, {@link #afterCommit()} sends the messages at once. A code refused here counts in
 * {@code userpools.codes.failed} (reason {@code configuration}: no channel; {@code trigger}: the
 * custom message trigger failed, vetoed or gave an unusable text); the outbox dispatcher counts
 * the codes it sends and the ones it gives up on.
 */
@Startup
@Singleton
public class CodeIssuer {

    private static final Logger LOG = Logger.getLogger(CodeIssuer.class);

    /** A code ready to store and send; the plain code lives only in memory and the message. */
    public record Prepared(String attribute, String target, String code, OutboxMessage message,
            CodeDeliveryDetails details) {

        @Override
        public String toString() {
            return "Prepared[" + attribute + "]";
        }
    }

    private final CodeHasher hasher;
    private final CodeRepository codes;
    private final Channels channels;
    private final CustomMessageTrigger trigger;
    private final OutboxWriter outbox;
    private final OutboxDispatcher dispatcher;
    private final Clock clock;
    private final Metrics metrics;
    private final String region;
    /** The service's public URL, the base of confirmation links. */
    private final String issuerBaseUrl;
    private final boolean logCodes;

    public CodeIssuer(CodesConfig config, CodeRepository codes, Channels channels, CustomMessageTrigger trigger,
            OutboxWriter outbox, OutboxDispatcher dispatcher, Clock clock, UserpoolsConfig userpools, KeyRings rings,
            Metrics metrics) {
        this.hasher = new CodeHasher(rings.codes(), new SecureRandom());
        this.codes = codes;
        this.channels = channels;
        this.trigger = trigger;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.metrics = metrics;
        this.region = userpools.region();
        this.issuerBaseUrl = userpools.issuerBaseUrl();
        this.logCodes = config.log() && LaunchMode.current() != LaunchMode.NORMAL;
        if (config.log() && !logCodes) {
            LOG.warn("userpools.codes.log is ignored in the prod profile");
        }
    }

    public CodeHasher hasher() {
        return hasher;
    }

    /**
     * Checks that every target's channel is configured. Call it before changing anything.
     *
     * @throws io.userpools.common.error.InvalidEmailRoleAccessPolicyException no SMTP for an email target
     * @throws io.userpools.common.error.InvalidSmsRoleAccessPolicyException   no SMS gateway for a phone target
     */
    public void requireChannels(Map<String, String> targets) {
        List<DeliveryMedium> media = targets.keySet().stream().map(CodeDeliveryDetails::mediumOf).toList();
        try {
            channels.require(media);
        } catch (RuntimeException e) {
            media.stream().filter(medium -> !channels.available(medium))
                    .forEach(medium -> metrics.codeFailed(medium.name(), "configuration"));
            throw e;
        }
    }

    /**
     * Prepares one code per target (attribute -> value the code goes to), calling the pool's custom
     * message trigger for each, in order. Touches no database.
     *
     * @param attributes     the user's active attributes as they will be after the change
     * @param clientId       the token's app client; null for an admin call
     * @param clientMetadata passed to the trigger only, never stored or logged
     * @return fails with the channel, trigger or message-text exceptions of [2.1] and [2.14]
     */
    public Uni<List<Prepared>> prepare(Pool pool, PoolUser user, Map<String, String> attributes,
            Map<String, String> targets, TriggerSource source, String clientId, Map<String, String> clientMetadata) {
        return prepare(pool, pool.settings().messaging(), user, attributes, targets, source, clientId, clientMetadata);
    }

    /**
     * As {@link #prepare(Pool, PoolUser, Map, Map, TriggerSource, String, Map)}, with the templates
     * to use where the trigger returns no text (a message other than a verification code, such as
     * a password reset, has its own built-in texts).
     */
    public Uni<List<Prepared>> prepare(Pool pool, PoolSettings.Messaging messaging, PoolUser user,
            Map<String, String> attributes, Map<String, String> targets, TriggerSource source, String clientId,
            Map<String, String> clientMetadata) {
        return prepare(pool, messaging, user, attributes, targets, source, clientId, clientMetadata, false);
    }

    /**
     * A sign-up confirmation code (SignUp, ResendConfirmationCode): in a CONFIRM_WITH_LINK pool an
     * email target gets the link message ({@link ConfirmationLink} to this client and user, the
     * trigger asked with {@code linkParameter}); an SMS target, or a code-mode pool, a code
     * message, as {@link #prepare(Pool, PoolUser, Map, Map, TriggerSource, String, Map)}.
     */
    public Uni<List<Prepared>> prepareSignUp(Pool pool, PoolUser user, Map<String, String> attributes,
            Map<String, String> targets, TriggerSource source, String clientId, Map<String, String> clientMetadata) {
        PoolSettings.Messaging messaging = pool.settings().messaging();
        return prepare(pool, messaging, user, attributes, targets, source, clientId, clientMetadata,
                messaging != null && messaging.confirmsWithLink());
    }

    private Uni<List<Prepared>> prepare(Pool pool, PoolSettings.Messaging messaging, PoolUser user,
            Map<String, String> attributes, Map<String, String> targets, TriggerSource source, String clientId,
            Map<String, String> clientMetadata, boolean linkMode) {
        if (targets.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        try {
            requireChannels(targets);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        var event = CustomMessageEvents.of(region, pool, user, attributes, source, clientId, clientMetadata);
        return Multi.createFrom().iterable(targets.entrySet())
                .onItem().transformToUniAndConcatenate(target -> {
                    ConfirmationLink link = linkMode && CodeDeliveryDetails.mediumOf(target.getKey())
                            == DeliveryMedium.EMAIL ? new ConfirmationLink(issuerBaseUrl, pool.id(), clientId,
                                    user.username()) : null;
                    return trigger.invoke(pool, link == null ? event : CustomMessageEvents.withLink(region, pool,
                                    user, attributes, source, clientId, clientMetadata))
                        .map(response -> prepared(messaging, target.getKey(), target.getValue(), response, link))
                        .onFailure().invoke(() -> metrics.codeFailed(
                                CodeDeliveryDetails.mediumOf(target.getKey()).name(), "trigger"));
                })
                .collect().asList();
    }

    private Prepared prepared(PoolSettings.Messaging messaging, String attribute, String target,
            io.userpools.trigger.CustomMessageEvent.Response response, ConfirmationLink link) {
        DeliveryMedium medium = CodeDeliveryDetails.mediumOf(attribute);
        String code = hasher.newCode();
        MessageTemplates.Rendered text = MessageTemplates.render(messaging, medium, response, code, link);
        String from = medium == DeliveryMedium.EMAIL && messaging != null && messaging.email() != null
                ? messaging.email().from() : null;
        return new Prepared(attribute, target, code, new OutboxMessage(target, from, text.subject(), text.body(), text.html()),
                CodeDeliveryDetails.of(attribute, target));
    }

    /**
     * Stores each prepared code (superseding earlier ones) and queues its message, on the caller's
     * transaction.
     */
    public Uni<List<CodeDeliveryDetails>> write(SqlClient sql, Pool pool, PoolUser user, List<Prepared> prepared) {
        return write(sql, pool, user, prepared, StoredCode.VALIDITY);
    }

    /**
     * As {@link #write(SqlClient, Pool, PoolUser, List)}, for codes valid for {@code validity}
     * (a password reset code: one hour).
     */
    public Uni<List<CodeDeliveryDetails>> write(SqlClient sql, Pool pool, PoolUser user, List<Prepared> prepared,
            java.time.Duration validity) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        List<CodeDeliveryDetails> details = new ArrayList<>();
        for (Prepared p : prepared) {
            details.add(p.details());
            StoredCode code = StoredCode.issue(pool.id(), user.sub(), p.attribute(),
                    hasher.hmac(pool.id(), user.sub(), p.attribute(), p.target(), p.code()), p.target(), clock.instant(),
                    validity);
            chain = chain.flatMap(v -> codes.replace(sql, code))
                    .flatMap(v -> outbox.write(sql, pool.id(), p.details().deliveryMedium(), p.message()))
                    .invoke(() -> {
                        if (logCodes) {
                            LOG.infof("[dev] verification code for %s of user %s in pool %s: %s", p.attribute(),
                                    user.username(), pool.id(), p.code());
                        }
                    });
        }
        return chain.replaceWith(details);
    }

    /** Sends the queued messages now; call after the transaction committed. */
    public void afterCommit() {
        dispatcher.nudge();
    }
}
