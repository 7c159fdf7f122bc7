package io.userpools.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userpools.common.error.InvalidParameterException;
import io.userpools.pool.PoolSettings;
import io.userpools.trigger.CustomMessageEvent.Response;
import io.userpools.verification.CodeDeliveryDetails.DeliveryMedium;
import org.junit.jupiter.api.Test;

class MessageTemplatesTest {

    private static final PoolSettings.Messaging POOL = new PoolSettings.Messaging(
            new PoolSettings.EmailTemplate("noreply@shop.example", "Shop code", "Shop code: {####}"),
            new PoolSettings.SmsTemplate("Shop {####}"));

    @Test
    void triggerTextWinsOverThePoolTemplate() {
        var rendered = MessageTemplates.render(POOL, DeliveryMedium.EMAIL,
                new Response(null, "Hello, your code is {####}!", "Welcome"), "012345");
        assertThat(rendered).isEqualTo(new MessageTemplates.Rendered("Welcome", "Hello, your code is 012345!"));
        assertThat(MessageTemplates.render(POOL, DeliveryMedium.SMS, new Response("Code {####}", null, null), "111111"))
                .isEqualTo(new MessageTemplates.Rendered(null, "Code 111111"));
    }

    @Test
    void nullFieldsFallBackToPoolThenDefault() {
        assertThat(MessageTemplates.render(POOL, DeliveryMedium.EMAIL, Response.EMPTY, "222222"))
                .isEqualTo(new MessageTemplates.Rendered("Shop code", "Shop code: 222222"));
        assertThat(MessageTemplates.render(null, DeliveryMedium.EMAIL, Response.EMPTY, "222222"))
                .isEqualTo(new MessageTemplates.Rendered("Your verification code", "Your verification code is 222222. "));
        assertThat(MessageTemplates.render(null, DeliveryMedium.SMS, Response.EMPTY, "333333").body())
                .isEqualTo("Your verification code is 333333. ");
    }

    @Test
    void returnedMessageWithoutPlaceholderIsInvalidParameter() {
        assertThatThrownBy(() -> MessageTemplates.render(POOL, DeliveryMedium.EMAIL,
                new Response(null, "no code here", null), "1"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("at 'emailMessage' failed to satisfy constraint");
    }

    @Test
    void emptyReturnedMessageIsTheMessageIsEmpty() {
        assertThatThrownBy(() -> MessageTemplates.render(POOL, DeliveryMedium.SMS, new Response("", null, null), "1"))
                .isInstanceOf(InvalidParameterException.class).hasMessage("The message is empty.");
    }

    @Test
    void tooLongSmsIsRejected() {
        String longSms = "{####}" + "x".repeat(140);
        assertThatThrownBy(() -> MessageTemplates.render(POOL, DeliveryMedium.SMS, new Response(longSms, null, null),
                "1")).isInstanceOf(InvalidParameterException.class).hasMessageContaining("less than or equal to 140");
    }
}
