package io.userpools.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userpools.common.error.InvalidParameterException;
import io.userpools.pool.PoolSettings;
import io.userpools.trigger.CustomMessageEvent;
import io.userpools.verification.CodeDeliveryDetails.DeliveryMedium;
import org.junit.jupiter.api.Test;

/** The confirmation link and the link message (lifecycle spec 8.3, 8.4): pure. */
class ConfirmationLinkUnitTest {

    private static final ConfirmationLink LINK = new ConfirmationLink("https://id.example.com/", "us-east-1_abc123XYZ",
            "client1", "zoë & co");

    @Test
    void eachValueIsUrlEncodedAndTheLinkTextHtmlEscaped() {
        assertThat(LINK.url("012345")).isEqualTo("https://id.example.com/pools/us-east-1_abc123XYZ/confirm-user"
                + "?client_id=client1&user_name=zo%C3%AB%20%26%20co&confirmation_code=012345");
        assertThat(LINK.render("<p>Hi</p> {##Go <now> & \"here\"##}, or {##again##}; code {####}", "012345"))
                .isEqualTo("<p>Hi</p> <a href=\"https://id.example.com/pools/us-east-1_abc123XYZ/confirm-user"
                        + "?client_id=client1&amp;user_name=zo%C3%AB%20%26%20co&amp;confirmation_code=012345\">"
                        + "Go &lt;now&gt; &amp; &quot;here&quot;</a>, or <a href=\"https://id.example.com/pools/"
                        + "us-east-1_abc123XYZ/confirm-user?client_id=client1&amp;user_name=zo%C3%AB%20%26%20co&amp;"
                        + "confirmation_code=012345\">again</a>; code 012345");
    }

    @Test
    void aLinkMessageNeedsALinkWithText() {
        assertThat(ConfirmationLink.defect("Click {##here##}")).isNull();
        assertThat(ConfirmationLink.defect("Click {####} or {##here##}")).isNull();
        assertThat(ConfirmationLink.defect("No link")).isEqualTo("The message is invalid.");
        assertThat(ConfirmationLink.defect("{##")).isEqualTo("The message is invalid.");
        assertThat(ConfirmationLink.defect("Code {####}")).isEqualTo("The message is empty.");
        assertThat(ConfirmationLink.defect("Blank {##  ##}")).isEqualTo("The message is empty.");
    }

    @Test
    void inLinkModeTheEmailIsTheLinkMessageAndSmsKeepsTheCode() {
        PoolSettings.Messaging messaging = new PoolSettings.Messaging(new PoolSettings.EmailTemplate(null, "Code",
                "Code {####}", "Link", "Open {##this##}"), new PoolSettings.SmsTemplate("Sms {####}"),
                PoolSettings.Messaging.CONFIRM_WITH_LINK);
        MessageTemplates.Rendered email = MessageTemplates.render(messaging, DeliveryMedium.EMAIL,
                CustomMessageEvent.Response.EMPTY, "012345", LINK);
        assertThat(email.html()).isTrue();
        assertThat(email.subject()).isEqualTo("Link");
        assertThat(email.body()).startsWith("Open <a href=\"https://id.example.com/").endsWith(">this</a>");
        MessageTemplates.Rendered sms = MessageTemplates.render(messaging, DeliveryMedium.SMS,
                CustomMessageEvent.Response.EMPTY, "012345", LINK);
        assertThat(sms.html()).isFalse();
        assertThat(sms.body()).isEqualTo("Sms 012345");
        MessageTemplates.Rendered builtIn = MessageTemplates.render(PoolSettings.Messaging.DEFAULT,
                DeliveryMedium.EMAIL, CustomMessageEvent.Response.EMPTY, "012345", LINK);
        assertThat(builtIn.subject()).isEqualTo("Your verification link");
        assertThat(builtIn.body()).startsWith("Please click the link below to verify your email address. <a href=")
                .endsWith(">Verify Email</a>");
    }

    @Test
    void aTriggersLinkEmailMustKeepTheLinkParameter() {
        MessageTemplates.Rendered ok = MessageTemplates.render(null, DeliveryMedium.EMAIL,
                new CustomMessageEvent.Response(null, "Hi {##Click Here##}", null), "012345", LINK);
        assertThat(ok.body()).startsWith("Hi <a href=").endsWith(">Click Here</a>");
        assertThatThrownBy(() -> MessageTemplates.render(null, DeliveryMedium.EMAIL,
                new CustomMessageEvent.Response(null, "Code {####}", null), "012345", LINK))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("'emailMessage' failed to satisfy constraint: Member must satisfy regular "
                        + "expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*\\{##");
        assertThatThrownBy(() -> MessageTemplates.render(null, DeliveryMedium.EMAIL,
                new CustomMessageEvent.Response(null, "", null), "012345", LINK))
                .isInstanceOf(InvalidParameterException.class).hasMessage("The message is empty.");
    }
}
