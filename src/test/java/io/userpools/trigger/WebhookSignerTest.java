package io.userpools.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    @Test
    void signsIdTimestampAndBodyWithHmacSha256() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal("msg_1.1700000000.{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        assertThat(WebhookSigner.sign("s3cret", "msg_1", 1_700_000_000L, "{\"a\":1}")).isEqualTo(expected);
    }

    @Test
    void standardWebhooksSecretIsDecodedFromBase64() {
        // Test vector of the Standard Webhooks specification.
        String signature = WebhookSigner.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}");
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void anyChangeChangesTheSignature() {
        String base = WebhookSigner.sign("k", "id", 1, "body");
        assertThat(WebhookSigner.sign("k", "id", 2, "body")).isNotEqualTo(base);
        assertThat(WebhookSigner.sign("k", "id2", 1, "body")).isNotEqualTo(base);
        assertThat(WebhookSigner.sign("k", "id", 1, "body ")).isNotEqualTo(base);
        assertThat(WebhookSigner.sign("k2", "id", 1, "body")).isNotEqualTo(base);
    }
}
