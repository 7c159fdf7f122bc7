package io.userpools.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The SMS gateway: POST {@code {"to", "message"}} as JSON with a bearer token. */
@ConfigMapping(prefix = "userpools.sms")
public interface SmsConfig {
    /** The gateway's URL ({@code USERPOOLS_SMS_GATEWAY_URL}); without it SMS is unavailable. */
    Optional<String> gatewayUrl();

    /** The bearer token for the gateway ({@code USERPOOLS_SMS_GATEWAY_TOKEN}); never logged. */
    Optional<String> gatewayToken();

    /** Time limit of one gateway call. */
    @WithDefault("PT10S")
    Duration timeout();
}
