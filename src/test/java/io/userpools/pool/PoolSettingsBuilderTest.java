package io.userpools.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userpools.common.error.InvalidParameterException;
import io.userpools.pool.CreatePoolCommand.CustomMessageInput;
import io.userpools.pool.CreatePoolCommand.EmailTemplateInput;
import io.userpools.pool.CreatePoolCommand.MessagingInput;
import io.userpools.pool.CreatePoolCommand.PasswordPolicyInput;
import io.userpools.pool.CreatePoolCommand.SmsTemplateInput;
import io.userpools.pool.CreatePoolCommand.TokenValidityInput;
import io.userpools.pool.CreatePoolCommand.TriggersInput;
import org.junit.jupiter.api.Test;

class PoolSettingsBuilderTest {

    private static final String SECRET = "0123456789abcdef";

    private static TriggersInput hook(String url, String secret, Integer timeout) {
        return new TriggersInput(new CustomMessageInput(url, secret, timeout));
    }

    @Test
    void noTriggerIsNull() {
        assertThat(PoolSettingsBuilder.triggers(null)).isNull();
        assertThat(PoolSettingsBuilder.triggers(new TriggersInput(null))).isNull();
    }

    @Test
    void aTriggerDefaultsToFiveSeconds() {
        var triggers = PoolSettingsBuilder.triggers(hook("https://hooks.example.com/cm", SECRET, null));
        assertThat(triggers.customMessage().timeoutMillis()).isEqualTo(5000);
        assertThat(triggers.customMessage().secret()).isEqualTo(SECRET);
        assertThat(PoolSettingsBuilder.triggers(hook("http://localhost:8089/x", SECRET, 250))
                .customMessage().timeoutMillis()).isEqualTo(250);
    }

    @Test
    void aTriggerUrlIsAbsoluteHttp() {
        for (String bad : new String[] {"/relative", "ftp://example.com/x", "example.com/x", "http://", "ht tp://x",
                "mailto:a@example.com", "http://user:pass@hooks.example.com/x", "https://token@hooks.example.com/"}) {
            assertThatThrownBy(() -> PoolSettingsBuilder.triggers(hook(bad, SECRET, null)))
                    .as(bad).isInstanceOf(InvalidParameterException.class)
                    .hasMessage("triggers.customMessage.url must be an absolute http or https URL without user information.");
        }
    }

    @Test
    void aTriggerNeedsASecret() {
        assertThatThrownBy(() -> PoolSettingsBuilder.triggers(hook("https://example.com/x", null, null)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("secret is required");
    }

    @Test
    void absentTemplatesGetDefaultsWithThePlaceholder() {
        var messaging = PoolSettingsBuilder.messaging(null);
        assertThat(messaging.email().message()).contains("{####}");
        assertThat(messaging.email().subject()).isNotBlank();
        assertThat(messaging.sms().message()).isEqualTo("Your verification code is {####}.");
        var partial = PoolSettingsBuilder.messaging(new MessagingInput(
                new EmailTemplateInput("no-reply@example.com", null, "Code: {####}"), null));
        assertThat(partial.email().from()).isEqualTo("no-reply@example.com");
        assertThat(partial.email().subject()).isEqualTo("Your verification code");
        assertThat(partial.email().message()).isEqualTo("Code: {####}");
        assertThat(partial.sms().message()).contains("{####}");
    }

    @Test
    void templatesWithoutThePlaceholderAreRefusedTogether() {
        assertThatThrownBy(() -> PoolSettingsBuilder.messaging(new MessagingInput(
                new EmailTemplateInput(null, "Hi", "no code here"), new SmsTemplateInput("nor here"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("2 validation errors detected: ")
                .hasMessageContaining("messaging.email.message")
                .hasMessageContaining("messaging.sms.message")
                .satisfies(e -> assertThat(((InvalidParameterException) e).violations()).hasSize(2));
    }

    @Test
    void passwordPolicyAndTokenValidityFillAbsentFields() {
        var policy = PoolSettingsBuilder.passwordPolicy(new PasswordPolicyInput(12, null, false, null, null, null, null));
        assertThat(policy).isEqualTo(new PoolSettings.PasswordPolicy(12, true, false, true, true, 7, 0));
        assertThat(PoolSettingsBuilder.passwordPolicy(null)).isEqualTo(PoolSettings.PasswordPolicy.DEFAULT);
        var validity = PoolSettingsBuilder.tokenValidity(new TokenValidityInput(300L, null, null));
        assertThat(validity).isEqualTo(new PoolSettings.TokenValidity(300, 3600, 30L * 24 * 3600));
        assertThat(PoolSettingsBuilder.tokenValidity(null)).isEqualTo(PoolSettings.TokenValidity.DEFAULT);
    }
}
