package io.userpools.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userpools.trigger.AddressRanges.Cidr;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The classifier of reserved addresses: every range named in issue 12, the IPv6 forms that carry
 * IPv4, and CIDR parsing.
 */
class AddressRangesTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static String reserved(String literal) {
        return AddressRanges.reserved(ip(literal)).orElse(null);
    }

    /** Pairs of address and the name of the range it must be found in. */
    private static void assertRanges(String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            assertThat(reserved(pairs[i])).as(pairs[i]).isEqualTo(pairs[i + 1]);
        }
    }

    @Test
    void loopbackPrivateLinkLocalAndTheOtherReservedIpv4RangesAreReserved() {
        assertRanges(
                "127.0.0.1", "loopback",
                "127.255.255.254", "loopback",
                "10.0.0.1", "private",
                "172.16.0.1", "private",
                "172.31.255.255", "private",
                "192.168.1.1", "private",
                "169.254.169.254", "link-local",
                "100.64.0.1", "shared (CGNAT)",
                "100.127.255.255", "shared (CGNAT)",
                "0.0.0.0", "this network",
                "224.0.0.1", "multicast",
                "239.255.255.250", "multicast",
                "255.255.255.255", "reserved",
                "240.0.0.1", "reserved",
                "192.0.2.7", "documentation",
                "198.18.0.1", "benchmarking",
                "192.0.0.170", "IETF protocol assignments");
    }

    @Test
    void publicIpv4NeighboursOfTheReservedRangesAreNot() {
        for (String literal : new String[] {"8.8.8.8", "1.1.1.1", "9.255.255.255", "11.0.0.0", "100.63.255.255",
                "100.128.0.0", "126.255.255.255", "128.0.0.0", "169.253.255.255", "169.255.0.0", "172.15.255.255",
                "172.32.0.0", "192.167.255.255", "192.169.0.0", "223.255.255.255", "93.184.216.34"}) {
            assertThat(reserved(literal)).as(literal).isNull();
        }
    }

    @Test
    void reservedIpv6RangesAreReserved() {
        assertRanges(
                "::1", "unspecified, loopback or reserved",
                "::", "unspecified, loopback or reserved",
                "::127.0.0.1", "unspecified, loopback or reserved",
                "fe80::1", "link-local",
                "febf:ffff::1", "link-local",
                "fc00::1", "unique-local",
                "fd12:3456:789a::1", "unique-local",
                "ff02::1", "multicast",
                "2001:db8::1", "documentation",
                "fec0::1", "site-local",
                "2001:0:4136:e378:8000:63bf:3fff:fdd2", "IETF protocol assignments (Teredo, ORCHID)");
        assertThat(reserved("2606:4700:4700::1111")).isNull();
        assertThat(reserved("2a00:1450:4001:82b::200e")).isNull();
    }

    @Test
    void ipv6FormsThatCarryIpv4AreJudgedByTheirIpv4() throws UnknownHostException {
        // the JDK turns ::ffff:a.b.c.d into IPv4 itself; an Inet6Address built from the raw bytes stays IPv6
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 169;
        mapped[13] = (byte) 254;
        mapped[14] = (byte) 169;
        mapped[15] = (byte) 254;
        InetAddress raw = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(raw).isInstanceOf(Inet6Address.class);
        assertThat(AddressRanges.reserved(raw)).contains("link-local");
        assertThat(reserved("::ffff:127.0.0.1")).isEqualTo("loopback");
        assertThat(reserved("::ffff:7f00:1")).isEqualTo("loopback");
        assertThat(reserved("::ffff:10.1.2.3")).isEqualTo("private");
        assertThat(reserved("64:ff9b::127.0.0.1")).isEqualTo("loopback");
        assertThat(reserved("64:ff9b::a9fe:a9fe")).isEqualTo("link-local");
        assertThat(reserved("64:ff9b::8.8.8.8")).isNull();
        assertThat(reserved("2002:7f00:1::1")).isEqualTo("loopback");
        assertThat(reserved("2002:c0a8:101::1")).isEqualTo("private");
        assertThat(reserved("2002:808:808::1")).isNull();
    }

    /** IPv4 addresses to try: the edges of every 8-bit boundary and many seeded random ones. */
    private static List<byte[]> ipv4Samples() {
        List<byte[]> samples = new ArrayList<>();
        int[] edges = {0, 1, 9, 10, 11, 63, 64, 100, 126, 127, 128, 168, 169, 172, 191, 192, 223, 224, 239, 240,
            254, 255};
        for (int a : edges) {
            for (int b : edges) {
                samples.add(new byte[] {(byte) a, (byte) b, 0, 1});
                samples.add(new byte[] {(byte) a, (byte) b, (byte) 255, (byte) 254});
            }
        }
        Random random = new Random(12);
        for (int i = 0; i < 5_000; i++) {
            byte[] address = new byte[4];
            random.nextBytes(address);
            samples.add(address);
        }
        return samples;
    }

    /** Any IPv4 address, written as IPv4-mapped, NAT64 or 6to4 IPv6, is judged exactly as the IPv4 address. */
    @Test
    void everyIpv6WrappingOfAnIpv4AddressIsJudgedAsThatAddress() throws UnknownHostException {
        for (byte[] v4 : ipv4Samples()) {
            var expected = AddressRanges.reserved(v4);
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(v4, 0, mapped, 12, 4);
            byte[] nat64 = new byte[16];
            nat64[1] = 0x64;
            nat64[2] = (byte) 0xff;
            nat64[3] = (byte) 0x9b;
            System.arraycopy(v4, 0, nat64, 12, 4);
            byte[] sixToFour = new byte[16];
            sixToFour[0] = 0x20;
            sixToFour[1] = 0x02;
            System.arraycopy(v4, 0, sixToFour, 2, 4);
            sixToFour[15] = 1;
            for (byte[] v6 : new byte[][] {mapped, nat64, sixToFour}) {
                assertThat(AddressRanges.reserved(Inet6Address.getByAddress(null, v6, -1)))
                        .as(InetAddress.getByAddress(v4).getHostAddress()).isEqualTo(expected);
            }
        }
    }

    /** Every address of the ranges issue 12 names is reserved, wherever in the range it lies. */
    @Test
    void everyAddressOfTheNamedRangesIsReserved() {
        Random random = new Random(34);
        for (String range : new String[] {"127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
                "169.254.0.0/16", "100.64.0.0/10", "224.0.0.0/4", "0.0.0.0/8", "::1/128", "::/128", "fe80::/10",
                "fc00::/7", "ff00::/8"}) {
            Cidr cidr = Cidr.parse(range);
            for (int i = 0; i < 2_000; i++) {
                byte[] address = cidr.network().clone();
                for (int bit = cidr.prefix(); bit < address.length * 8; bit++) {
                    // the first tries fill the host part with all zeros, then all ones, then at random
                    boolean set = i == 0 ? false : i == 1 || random.nextBoolean();
                    if (set) {
                        address[bit / 8] |= (byte) (0x80 >>> (bit % 8));
                    }
                }
                assertThat(AddressRanges.reserved(address)).as(range + " #" + i).isPresent();
            }
        }
    }

    @Test
    void cidrsParseLiteralsOnly() {
        assertThat(Cidr.parse("10.20.0.0/16").contains(ip("10.20.3.4"))).isTrue();
        assertThat(Cidr.parse("10.20.0.0/16").contains(ip("10.21.0.0"))).isFalse();
        assertThat(Cidr.parse("127.0.0.1").contains(ip("127.0.0.1"))).isTrue();
        assertThat(Cidr.parse("127.0.0.1").contains(ip("127.0.0.2"))).isFalse();
        assertThat(Cidr.parse("127.0.0.0/8").contains(ip("::ffff:127.0.0.9"))).isTrue();
        assertThat(Cidr.parse("fd00:1::/64").contains(ip("fd00:1::42"))).isTrue();
        assertThat(Cidr.parse("fd00:1::/64").contains(ip("10.0.0.1"))).isFalse();
        assertThat(Cidr.parse(" ::1/128 ").toString()).isEqualTo("0:0:0:0:0:0:0:1/128");
        for (String bad : new String[] {"localhost", "example.com/8", "10.0.0.1/8", "10.0.0.0/33", "::/129",
                "10.0.0.0/x", "", "0x7f.1/32", "2130706433"}) {
            assertThatThrownBy(() -> Cidr.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
