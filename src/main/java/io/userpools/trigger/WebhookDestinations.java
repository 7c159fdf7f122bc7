package io.userpools.trigger;

import io.userpools.trigger.AddressRanges.Cidr;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The egress rule for webhooks: where a call may connect. The URL's host is resolved once, every
 * address it resolves to is checked, and the call connects to the checked address (the Host
 * header and TLS keep the name), so a second resolution cannot swap in another address (DNS
 * rebinding). An address is refused when it lies in a reserved range ({@link AddressRanges})
 * outside the allowed networks, unless the host is an allowed host. A name with one refused
 * address among public ones is refused as a whole.
 */
@Singleton
public class WebhookDestinations {

    /** A destination the egress rule refuses. The message names the reason, for the log only. */
    public static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Name resolution; the JDK's resolver in the service, a stand-in in tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * A webhook URL taken apart: the host as written (IPv6 in brackets), port, TLS or not, and the
     * path with its query. User information and fragment are dropped.
     */
    public record Target(String host, int port, boolean ssl, String uri) {

        /** @throws Refused when the URL is not an absolute http(s) URL with a host */
        public static Target of(String url) {
            URI parsed;
            try {
                parsed = new URI(url);
            } catch (URISyntaxException | NullPointerException e) {
                throw new Refused("unparsable URL");
            }
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || parsed.getHost() == null
                    || parsed.getHost().isEmpty()) {
                throw new Refused("not an absolute http(s) URL with a host");
            }
            boolean ssl = scheme.equals("https");
            int port = parsed.getPort() < 0 ? (ssl ? 443 : 80) : parsed.getPort();
            String path = parsed.getRawPath() == null || parsed.getRawPath().isEmpty() ? "/" : parsed.getRawPath();
            String query = parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery();
            return new Target(parsed.getHost(), port, ssl, path + query);
        }

        /** The host as a name to resolve and compare: no brackets, lower case, no trailing dot. */
        String name() {
            String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            name = name.toLowerCase(Locale.ROOT);
            return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        }
    }

    private final Set<String> allowedHosts;
    private final List<Cidr> allowedNetworks;
    private final Resolver resolver;

    @Inject
    public WebhookDestinations(WebhooksConfig config) {
        this(config.allowedHosts().orElse(List.of()),
                config.allowedNetworks().orElse(List.of()).stream().map(WebhookDestinations::network).toList(),
                InetAddress::getAllByName);
    }

    WebhookDestinations(Collection<String> allowedHosts, Collection<Cidr> allowedNetworks, Resolver resolver) {
        this.allowedHosts = allowedHosts.stream().map(String::strip).filter(host -> !host.isEmpty())
                .map(host -> new Target(host, 0, false, "/").name()).collect(Collectors.toUnmodifiableSet());
        this.allowedNetworks = List.copyOf(allowedNetworks);
        this.resolver = resolver;
    }

    private static Cidr network(String text) {
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("userpools.webhooks.allowed-networks: " + e.getMessage(), e);
        }
    }

    /**
     * Resolves the target's host once and answers the address to connect to. Blocking (name
     * resolution): call it off the event loop.
     *
     * @throws UnknownHostException when the name does not resolve
     * @throws Refused              when the egress rule refuses the destination
     */
    public InetSocketAddress resolve(Target target) throws UnknownHostException {
        String name = target.name();
        InetAddress[] addresses = resolver.resolve(name);
        InetAddress chosen = choose(name, addresses);
        // an address without a host name: nothing downstream can resolve the name a second time
        return new InetSocketAddress(InetAddress.getByAddress(chosen.getAddress()), target.port());
    }

    /**
     * The address to connect to among those the name resolved to: the first, once all are allowed.
     *
     * @throws Refused when an address is refused, or there is none
     */
    InetAddress choose(String name, InetAddress[] addresses) {
        if (addresses == null || addresses.length == 0) {
            throw new Refused("no address");
        }
        if (!allowedHosts.contains(name)) {
            for (InetAddress address : addresses) {
                Optional<String> reserved = refusal(address);
                if (reserved.isPresent()) {
                    throw new Refused(reserved.get() + " address " + address.getHostAddress());
                }
            }
        }
        return addresses[0];
    }

    /** The reserved range that refuses this address, or empty when it may be reached. */
    Optional<String> refusal(InetAddress address) {
        Optional<String> reserved = AddressRanges.reserved(address);
        if (reserved.isEmpty() || allowedNetworks.stream().anyMatch(network -> network.contains(address))) {
            return Optional.empty();
        }
        return reserved;
    }
}
