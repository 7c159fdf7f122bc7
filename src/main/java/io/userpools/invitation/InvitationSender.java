package io.userpools.invitation;

import io.smallrye.mutiny.Uni;
import io.userpools.common.UserpoolsConfig;
import io.userpools.messaging.Channels;
import io.userpools.messaging.MessageTemplates;
import io.userpools.messaging.OutboxDispatcher;
import io.userpools.messaging.OutboxMessage;
import io.userpools.messaging.OutboxWriter;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolSettings;
import io.userpools.trigger.CustomMessageEvent;
import io.userpools.trigger.CustomMessageEvents;
import io.userpools.trigger.CustomMessageTrigger;
import io.userpools.user.PoolUser;
import io.userpools.verification.CodeDeliveryDetails.DeliveryMedium;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Sends the invitation of AdminCreateUser (lifecycle spec 2.5, 5): the custom message trigger
 * ({@code CustomMessage_AdminCreateUser}) once for all media, the texts of §5.5, then one outbox
 * message per medium in the caller's transaction. In two phases, like verification codes:
 * {@link #prepare} talks to no database and may fail (channel missing, veto, trigger failure,
 * unusable text), so a failure changes nothing; {@link #write} queues on the caller's transaction;
 * {@link #afterCommit()} sends at once. The temporary password lives only in memory and in the
 * (encrypted) outbox message.
 */
@Singleton
public class InvitationSender {

    /** Messages ready to queue; empty when nothing is to be sent. */
    public record Prepared(List<Queued> messages) {

        public static final Prepared NONE = new Prepared(List.of());
    }

    /** One message and its medium. */
    public record Queued(DeliveryMedium medium, OutboxMessage message) {

        @Override
        public String toString() {
            return "Queued[" + medium + "]";
        }
    }

    private final Channels channels;
    private final CustomMessageTrigger trigger;
    private final OutboxWriter outbox;
    private final OutboxDispatcher dispatcher;
    private final String region;

    public InvitationSender(Channels channels, CustomMessageTrigger trigger, OutboxWriter outbox,
            OutboxDispatcher dispatcher, UserpoolsConfig config) {
        this.channels = channels;
        this.trigger = trigger;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.region = config.region();
    }

    /**
     * Checks the channels, calls the pool's custom message trigger and renders one message per
     * medium. Touches no database.
     *
     * @param user           the user as it is (or will be once created), attributes with {@code sub}
     * @param password       the temporary password the invitation carries
     * @param clientMetadata passed to the trigger only, never stored or logged
     * @return fails with the channel, trigger and message-text exceptions of [2.1] and [2.14]
     */
    public Uni<Prepared> prepare(Pool pool, PoolUser user, String password, List<DeliveryMedium> media,
            Map<String, String> clientMetadata) {
        if (media.isEmpty()) {
            return Uni.createFrom().item(Prepared.NONE);
        }
        try {
            channels.require(media);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        CustomMessageEvent event = CustomMessageEvents.invitation(region, pool, user, clientMetadata);
        return trigger.invoke(pool, event).map(response -> {
            PoolSettings.InviteMessageTemplate template = pool.settings().invitations().inviteMessageTemplate();
            String from = pool.settings().messaging() == null || pool.settings().messaging().email() == null ? null
                    : pool.settings().messaging().email().from();
            List<Queued> messages = media.stream().map(medium -> {
                MessageTemplates.Rendered text = MessageTemplates.renderInvitation(template, medium, response,
                        user.username(), password);
                String to = user.attributes().get(Invitations.attributeOf(medium));
                return new Queued(medium, new OutboxMessage(to, medium == DeliveryMedium.EMAIL ? from : null,
                        text.subject(), text.body()));
            }).toList();
            return new Prepared(messages);
        });
    }

    /** Queues the prepared messages on the caller's transaction. */
    public Uni<Void> write(SqlClient sql, Pool pool, Prepared prepared) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Queued queued : prepared.messages()) {
            chain = chain.flatMap(v -> outbox.write(sql, pool.id(), queued.medium(), queued.message()));
        }
        return chain;
    }

    /** Sends the queued messages now; call after the transaction committed. */
    public void afterCommit(Prepared prepared) {
        if (!prepared.messages().isEmpty()) {
            dispatcher.nudge();
        }
    }
}
