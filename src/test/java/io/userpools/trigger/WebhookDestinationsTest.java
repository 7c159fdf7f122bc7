package io.userpools.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userpools.trigger.AddressRanges.Cidr;
import io.userpools.trigger.WebhookDestinations.Refused;
import io.userpools.trigger.WebhookDestinations.Target;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The egress rule: what the name resolves to decides, once; allowed hosts and networks open exceptions. */
class WebhookDestinationsTest {

    private static final WebhookDestinations JDK_RESOLVER = new WebhookDestinations(List.of(), List.of(),
            InetAddress::getAllByName);

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A resolver that answers each name from a table and records every question. */
    private static final class Table implements WebhookDestinations.Resolver {
        final Map<String, List<String>> answers;
        final List<String> asked = new ArrayList<>();

        Table(Map<String, List<String>> answers) {
            this.answers = answers;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            asked.add(host);
            List<String> literals = answers.get(host);
            if (literals == null) {
                throw new UnknownHostException(host);
            }
            return literals.stream().map(WebhookDestinationsTest::ip).toArray(InetAddress[]::new);
        }
    }

    @Test
    void targetsKeepTheNameAndDropUserInformation() {
        assertThat(Target.of("https://Hooks.Example.com/cm?x=1#frag"))
                .isEqualTo(new Target("Hooks.Example.com", 443, true, "/cm?x=1"));
        assertThat(Target.of("http://user:pw@hooks.example.com:8080")).isEqualTo(
                new Target("hooks.example.com", 8080, false, "/"));
        assertThat(Target.of("http://[::1]:9/h").name()).isEqualTo("::1");
        assertThat(Target.of("http://Localhost./h").name()).isEqualTo("localhost");
        for (String bad : new String[] {"ftp://example.com/", "http://0x7f.1/", "http://127.1/", "/relative", "http://",
                "ht tp://x", null}) {
            assertThatThrownBy(() -> Target.of(bad)).as(bad).isInstanceOf(Refused.class);
        }
    }

    @Test
    void publicAddressesAreReachedAtTheAddressThatWasChecked() throws UnknownHostException {
        Table dns = new Table(Map.of("hooks.example.com", List.of("93.184.216.34", "2606:2800:220:1::1")));
        WebhookDestinations destinations = new WebhookDestinations(List.of(), List.of(), dns);
        InetSocketAddress address = destinations.resolve(Target.of("https://hooks.example.com/cm"));
        assertThat(address.getAddress().getHostAddress()).isEqualTo("93.184.216.34");
        assertThat(address.getPort()).isEqualTo(443);
        // no host name travels with the address, so nothing downstream resolves the name again
        assertThat(address.getHostString()).isEqualTo("93.184.216.34");
        assertThat(dns.asked).containsExactly("hooks.example.com");
    }

    @Test
    void oneReservedAddressAmongPublicOnesRefusesTheName() {
        Table dns = new Table(Map.of("rebind.example.com", List.of("93.184.216.34", "169.254.169.254")));
        WebhookDestinations destinations = new WebhookDestinations(List.of(), List.of(), dns);
        assertThatThrownBy(() -> destinations.resolve(Target.of("http://rebind.example.com/")))
                .isInstanceOf(Refused.class).hasMessage("link-local address 169.254.169.254");
    }

    @Test
    void aNameIsResolvedOnceSoASecondAnswerCannotSwapTheAddress() throws UnknownHostException {
        // a rebinding name: public on the first question, loopback on every later one
        List<String> asked = new ArrayList<>();
        WebhookDestinations destinations = new WebhookDestinations(List.of(), List.of(), host -> {
            asked.add(host);
            return new InetAddress[] {ip(asked.size() == 1 ? "93.184.216.34" : "127.0.0.1")};
        });
        InetSocketAddress address = destinations.resolve(Target.of("http://rebind.example.com:8080/"));
        assertThat(asked).hasSize(1);
        assertThat(address.getAddress().getHostAddress()).isEqualTo("93.184.216.34");
        assertThat(address.isUnresolved()).isFalse();
    }

    @Test
    void theJdkResolverRefusesEverySpellingOfLoopbackAndTheMetadataAddress() {
        for (String url : new String[] {"http://localhost:8080/", "http://127.0.0.1/", "http://127.0.0.2/",
                "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://2130706433/",
                "http://0/", "http://0.0.0.0/", "http://[::]/", "http://169.254.169.254/latest/meta-data/",
                "http://[::ffff:a9fe:a9fe]/", "http://[0:0:0:0:0:ffff:169.254.169.254]/", "http://10.0.0.1/",
                "http://192.168.0.1/", "http://172.20.0.1/", "http://100.100.100.200/", "http://[fd00::1]/",
                "http://[fe80::1]/", "http://224.0.0.1/", "http://0x7f.1/", "http://127.1/"}) {
            assertThatThrownBy(() -> JDK_RESOLVER.resolve(Target.of(url))).as(url).isInstanceOf(Refused.class);
        }
    }

    @Test
    void ambiguousNumericSpellingsNeverReachLoopback() {
        // leading-zero forms: the JDK reads them as decimal or not at all, never as octal 127.0.0.1
        for (String url : new String[] {"http://017700000001/", "http://0177.0.0.1/"}) {
            try {
                InetSocketAddress address = JDK_RESOLVER.resolve(Target.of(url));
                assertThat(AddressRanges.reserved(address.getAddress())).as(url).isEmpty();
            } catch (UnknownHostException | Refused e) {
                // refused or unresolvable: no connection either way
            }
        }
    }

    @Test
    void allowedNetworksOpenOnlyThemselves() throws UnknownHostException {
        WebhookDestinations destinations = new WebhookDestinations(List.of(),
                List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("10.20.0.0/16")), InetAddress::getAllByName);
        assertThat(destinations.resolve(Target.of("http://127.0.0.1:9/")).getAddress().getHostAddress())
                .isEqualTo("127.0.0.1");
        assertThat(destinations.resolve(Target.of("http://[::ffff:127.0.0.1]:9/")).getAddress().getHostAddress())
                .isEqualTo("127.0.0.1");
        assertThat(destinations.resolve(Target.of("http://10.20.1.2/")).getAddress().getHostAddress())
                .isEqualTo("10.20.1.2");
        assertThatThrownBy(() -> destinations.resolve(Target.of("http://10.21.0.1/"))).isInstanceOf(Refused.class);
        assertThatThrownBy(() -> destinations.resolve(Target.of("http://[::1]/"))).isInstanceOf(Refused.class);
        assertThatThrownBy(() -> destinations.resolve(Target.of("http://169.254.169.254/")))
                .isInstanceOf(Refused.class);
    }

    @Test
    void allowedHostsMayResolveAnywhereButOnlyByTheirOwnName() throws UnknownHostException {
        Table dns = new Table(Map.of("hooks.cluster.local", List.of("10.96.0.12"),
                "other.cluster.local", List.of("10.96.0.13")));
        WebhookDestinations destinations = new WebhookDestinations(List.of(" Hooks.Cluster.Local. ", ""), List.of(),
                dns);
        assertThat(destinations.resolve(Target.of("http://HOOKS.cluster.local:8080/cm")).getAddress().getHostAddress())
                .isEqualTo("10.96.0.12");
        assertThatThrownBy(() -> destinations.resolve(Target.of("http://other.cluster.local/")))
                .isInstanceOf(Refused.class).hasMessage("private address 10.96.0.13");
    }

    @Test
    void aNameThatDoesNotResolveIsUnknown() {
        WebhookDestinations destinations = new WebhookDestinations(List.of(), List.of(), new Table(Map.of()));
        assertThatThrownBy(() -> destinations.resolve(Target.of("http://nowhere.invalid/")))
                .isInstanceOf(UnknownHostException.class);
        WebhookDestinations empty = new WebhookDestinations(List.of(), List.of(), host -> new InetAddress[0]);
        assertThatThrownBy(() -> empty.resolve(Target.of("http://nowhere.invalid/"))).isInstanceOf(Refused.class);
    }

    @Test
    void aBadAllowedNetworkStopsTheStartWithTheKeyInTheMessage() {
        WebhooksConfig config = new WebhooksConfig() {
            @Override
            public java.util.Optional<List<String>> allowedHosts() {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<List<String>> allowedNetworks() {
                return java.util.Optional.of(List.of("10.0.0.0/8", "intranet"));
            }

            @Override
            public boolean reflectVetoMessage() {
                return false;
            }
        };
        assertThatThrownBy(() -> new WebhookDestinations(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("userpools.webhooks.allowed-networks").hasMessageContaining("intranet");
    }
}
