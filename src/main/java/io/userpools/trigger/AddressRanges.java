package io.userpools.trigger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address ranges a webhook may not reach unless configuration allows them: everything that is
 * not a public unicast address (IANA's special-purpose registries for IPv4 and IPv6). An IPv6
 * address that carries an IPv4 address (IPv4-mapped {@code ::ffff:0:0/96}, NAT64
 * {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) is judged by the IPv4 address it carries. Pure.
 */
public final class AddressRanges {

    /** A network: an address and a prefix length, IPv4 (4 bytes) or IPv6 (16 bytes). */
    public record Cidr(byte[] network, int prefix) {

        private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
        private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

        /**
         * Parses {@code a.b.c.d/n} or {@code x:y::/n}; without {@code /n} the network is the single
         * address. Only literal addresses are accepted: parsing never asks DNS.
         *
         * @throws IllegalArgumentException for anything else, or host bits set
         */
        public static Cidr parse(String text) {
            String value = text.strip();
            int slash = value.indexOf('/');
            String address = slash < 0 ? value : value.substring(0, slash);
            if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
                throw new IllegalArgumentException("not a CIDR network: " + text);
            }
            byte[] bytes;
            try {
                bytes = InetAddress.getByName(address).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not a CIDR network: " + text, e);
            }
            int prefix;
            try {
                prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(value.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a CIDR network: " + text, e);
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("prefix out of range: " + text);
            }
            Cidr cidr = new Cidr(bytes, prefix);
            if (!Arrays.equals(cidr.masked(bytes), bytes)) {
                throw new IllegalArgumentException("host bits set in network: " + text);
            }
            return cidr;
        }

        /** True when the address (IPv4-mapped IPv6 counts as IPv4) lies in this network. */
        public boolean contains(InetAddress address) {
            return contains(unmapped(address.getAddress()));
        }

        boolean contains(byte[] address) {
            return address.length == network.length && Arrays.equals(masked(address), network);
        }

        private byte[] masked(byte[] address) {
            byte[] masked = address.clone();
            for (int bit = prefix; bit < masked.length * 8; bit++) {
                masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
            }
            return masked;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Cidr cidr && cidr.prefix == prefix && Arrays.equals(cidr.network, network);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(network) + prefix;
        }

        @Override
        public String toString() {
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private record Range(String name, Cidr cidr) {
    }

    private static final List<Range> RESERVED = List.of(
            range("this network", "0.0.0.0/8"),
            range("private", "10.0.0.0/8"),
            range("shared (CGNAT)", "100.64.0.0/10"),
            range("loopback", "127.0.0.0/8"),
            range("link-local", "169.254.0.0/16"),
            range("private", "172.16.0.0/12"),
            range("IETF protocol assignments", "192.0.0.0/24"),
            range("documentation", "192.0.2.0/24"),
            range("6to4 relay", "192.88.99.0/24"),
            range("private", "192.168.0.0/16"),
            range("benchmarking", "198.18.0.0/15"),
            range("documentation", "198.51.100.0/24"),
            range("documentation", "203.0.113.0/24"),
            range("multicast", "224.0.0.0/4"),
            range("reserved", "240.0.0.0/4"),
            // IPv6: ::/8 holds the unspecified address, loopback and the IPv4-compatible and
            // -translated forms (IPv4-mapped addresses are unwrapped before this list is read)
            range("unspecified, loopback or reserved", "::/8"),
            range("local NAT64", "64:ff9b:1::/48"),
            range("discard-only", "100::/64"),
            range("IETF protocol assignments (Teredo, ORCHID)", "2001::/23"),
            range("documentation", "2001:db8::/32"),
            range("documentation", "3fff::/20"),
            range("segment routing", "5f00::/16"),
            range("unique-local", "fc00::/7"),
            range("link-local", "fe80::/10"),
            range("site-local", "fec0::/10"),
            range("multicast", "ff00::/8"));

    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private AddressRanges() {
    }

    private static Range range(String name, String cidr) {
        return new Range(name, Cidr.parse(cidr));
    }

    /** The name of the reserved range the address lies in, or empty for a public unicast address. */
    public static Optional<String> reserved(InetAddress address) {
        return reserved(address.getAddress());
    }

    static Optional<String> reserved(byte[] raw) {
        byte[] address = unmapped(raw);
        if (address.length == 16) {
            if (NAT64.contains(address)) {
                return reserved(Arrays.copyOfRange(address, 12, 16));
            }
            if (SIX_TO_FOUR.contains(address)) {
                return reserved(Arrays.copyOfRange(address, 2, 6));
            }
        }
        for (Range range : RESERVED) {
            if (range.cidr().contains(address)) {
                return Optional.of(range.name());
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}); any other unchanged. */
    static byte[] unmapped(byte[] address) {
        if (address.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff ? Arrays.copyOfRange(address, 12, 16) : address;
    }
}
