package io.userpools.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userpools.common.error.InvalidParameterException;
import io.userpools.messaging.MessageTemplates;
import io.userpools.pool.PoolSettings.InviteMessageTemplate;
import io.userpools.trigger.CustomMessageEvent.Response;
import io.userpools.verification.CodeDeliveryDetails.DeliveryMedium;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The choice of media (lifecycle spec 5.1) and the invitation texts (5.5, 8.5), as pure functions. */
class InvitationsTest {

    private static final Map<String, String> BOTH = Map.of("email", "a@example.com", "phone_number", "+15550001111");

    @Test
    void mediaFollowTheRequestOrCognitosDefault() {
        assertThat(Invitations.media(null, null, BOTH)).containsExactly(DeliveryMedium.SMS);
        assertThat(Invitations.media(null, List.of(), Map.of("email", "a@example.com")))
                .containsExactly(DeliveryMedium.EMAIL);
        assertThat(Invitations.media(null, null, Map.of("nickname", "n"))).isEmpty();
        assertThat(Invitations.media("RESEND", List.of("EMAIL", "SMS", "EMAIL"), BOTH))
                .containsExactly(DeliveryMedium.EMAIL, DeliveryMedium.SMS);
        assertThat(Invitations.media("SUPPRESS", List.of("EMAIL"), Map.of())).isEmpty();
        assertThatThrownBy(() -> Invitations.media(null, List.of("SMS"), Map.of("email", "a@example.com", "phone_number", "")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("No phone number provided but desired delivery medium was SMS");
        assertThatThrownBy(() -> Invitations.media(null, List.of("EMAIL"), Map.of()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("No email provided but desired delivery medium was Email");
    }

    @Test
    void textsComeFromTheTriggerTheTemplateOrCognito() {
        MessageTemplates.Rendered builtIn = MessageTemplates.renderInvitation(null, DeliveryMedium.EMAIL,
                Response.EMPTY, "jo", "P4ss#word");
        assertThat(builtIn.subject()).isEqualTo("Your temporary password");
        assertThat(builtIn.body()).isEqualTo("Your username is jo and temporary password is P4ss#word.");
        InviteMessageTemplate template = new InviteMessageTemplate("Mail {username} {####}", "Hi {username}",
                "Sms {####} {username}");
        assertThat(MessageTemplates.renderInvitation(template, DeliveryMedium.SMS, Response.EMPTY, "jo", "x$1")
                .body()).isEqualTo("Sms x$1 jo");
        MessageTemplates.Rendered mail = MessageTemplates.renderInvitation(template, DeliveryMedium.EMAIL,
                Response.EMPTY, "jo", "x");
        assertThat(mail.subject()).isEqualTo("Hi {username}");
        assertThat(mail.body()).isEqualTo("Mail jo x");
        MessageTemplates.Rendered hooked = MessageTemplates.renderInvitation(template, DeliveryMedium.EMAIL,
                new Response(null, "Hook {####} for {username}", null), "jo", "x");
        assertThat(hooked.body()).isEqualTo("Hook x for jo");
        assertThat(hooked.subject()).isEqualTo("Hi {username}");
    }

    @Test
    void placeholdersAreReplacedOnceEvenWhenValuesLookLikeThem() {
        assertThat(MessageTemplates.renderInvitation(null, DeliveryMedium.SMS, Response.EMPTY, "{####}",
                "{username}").body()).isEqualTo("Your username is {####} and temporary password is {username}.");
    }

    @Test
    void aTriggerTextNeedsBothPlaceholders() {
        assertThatThrownBy(() -> MessageTemplates.renderInvitation(null, DeliveryMedium.SMS,
                new Response("Code {####}", null, null), "jo", "x"))
                .isInstanceOf(InvalidParameterException.class).hasMessage("The message is invalid.");
        assertThatThrownBy(() -> MessageTemplates.renderInvitation(null, DeliveryMedium.EMAIL,
                new Response(null, "Hi {username}", null), "jo", "x"))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> MessageTemplates.renderInvitation(null, DeliveryMedium.EMAIL,
                new Response(null, "", null), "jo", "x"))
                .isInstanceOf(InvalidParameterException.class).hasMessage("The message is empty.");
    }
}
