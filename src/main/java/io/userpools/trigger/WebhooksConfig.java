package io.userpools.trigger;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * Where webhooks may connect ({@code userpools.webhooks.*}). By default a webhook reaches public
 * addresses only: a destination whose name resolves to a loopback, private, link-local,
 * unique-local, shared (CGNAT), multicast, unspecified, documentation or otherwise reserved
 * address is refused when the call is made ({@link AddressRanges}). These settings open
 * exceptions.
 */
@ConfigMapping(prefix = "userpools.webhooks")
public interface WebhooksConfig {

    /**
     * Host names (as written in the webhook URL, compared without case) that may resolve to any
     * address, reserved ones included: a webhook inside the cluster, for instance
     * ({@code USERPOOLS_WEBHOOKS_ALLOWED_HOSTS=hooks.internal.example}). None by default.
     */
    Optional<List<String>> allowedHosts();

    /**
     * Networks in CIDR notation ({@code 10.20.0.0/16}, {@code fd00:1::/64}) that webhooks may
     * reach even though they are reserved ({@code USERPOOLS_WEBHOOKS_ALLOWED_NETWORKS}). None by
     * default; the dev and test profiles allow loopback.
     */
    Optional<List<String>> allowedNetworks();

    /**
     * Answer a veto with the webhook's own {@code message}, as Cognito does with a Lambda's
     * ("CustomMessage failed with error &lt;message&gt;."). Off by default: the caller then gets a
     * fixed text, so that nothing a webhook answered reaches a client.
     */
    @WithDefault("false")
    boolean reflectVetoMessage();
}
