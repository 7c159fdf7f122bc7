package io.userpools.password;

import static org.assertj.core.api.Assertions.assertThat;

import io.userpools.pool.PoolSettings;
import io.userpools.pool.PoolSettings.EmailTemplate;
import io.userpools.pool.PoolSettings.Messaging;
import io.userpools.pool.PoolSettings.SmsTemplate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure rules of a reset message: which channel (legacy order), what it binds, which texts. */
class ResetChannelTest {

    @Test
    void aVerifiedPhoneComesFirstThenAVerifiedEmail() {
        assertThat(ResetChannel.of(Map.of("email", "a@b.c", "email_verified", "true",
                "phone_number", "+15551234567", "phone_number_verified", "true")))
                .containsExactly(Map.entry("phone_number", "+15551234567"));
        assertThat(ResetChannel.of(Map.of("email", "a@b.c", "email_verified", "true",
                "phone_number", "+15551234567", "phone_number_verified", "false")))
                .containsExactly(Map.entry("email", "a@b.c"));
    }

    @Test
    void noVerifiedValueMeansNoChannel() {
        assertThat(ResetChannel.of(Map.of("email", "a@b.c"))).isEmpty();
        assertThat(ResetChannel.of(Map.of("email_verified", "true"))).isEmpty();
        assertThat(ResetChannel.of(Map.of("email", "", "email_verified", "true"))).isEmpty();
        assertThat(ResetChannel.of(Map.of())).isEmpty();
    }

    @Test
    void aCodeReachesOnlyTheVerifiedValueItWasSentTo() {
        String target = ResetChannel.target("email", "a@b.c");
        assertThat(ResetChannel.stillReaches(target, Map.of("email", "a@b.c", "email_verified", "true"))).isTrue();
        assertThat(ResetChannel.stillReaches(target, Map.of("email", "x@b.c", "email_verified", "true"))).isFalse();
        assertThat(ResetChannel.stillReaches(target, Map.of("email", "a@b.c", "email_verified", "false"))).isFalse();
        // a phone verified meanwhile does not kill a code sent to the still verified email
        assertThat(ResetChannel.stillReaches(target, Map.of("email", "a@b.c", "email_verified", "true",
                "phone_number", "+15551234567", "phone_number_verified", "true"))).isTrue();
    }

    @Test
    void builtInTemplatesBecomeTheResetTextCustomOnesStay() {
        Messaging builtIn = ResetChannel.messaging(Messaging.DEFAULT);
        assertThat(builtIn.email().message()).isEqualTo("Your password reset code is {####}");
        assertThat(builtIn.email().subject()).isEqualTo("Your verification code");
        assertThat(builtIn.sms().message()).isEqualTo("Your password reset code is {####}");
        Messaging custom = new Messaging(new EmailTemplate("from@x.y", "S", "Mine {####}"), new SmsTemplate("Sms {####}"));
        assertThat(ResetChannel.messaging(custom)).isEqualTo(custom);
        assertThat(ResetChannel.messaging(null).email().message()).isEqualTo("Your password reset code is {####}");
        PoolSettings.Messaging half = new Messaging(new EmailTemplate(null, "S", "Mine {####}"), null);
        assertThat(ResetChannel.messaging(half).sms().message()).isEqualTo("Your password reset code is {####}");
    }
}
