package io.userpools.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Generators ({@link Gen}) of what an attacker sends: strings that are not what a field expects (control
 * characters, NUL, lone surrogates, bidi marks, injection shapes, each field's limits plus one,
 * huge values), JSON documents as bytes (any shape, wrong types, duplicate keys, deep nesting,
 * numbers that do not fit, invalid UTF-8 inside strings, truncation), path segments and header
 * values. {@link Sampler} draws from them with a fixed seed.
 */
public final class Hostile {

    /** Strings chosen by hand: each one has broken a service somewhere. */
    public static final List<String> NASTY = List.of("", " ", "  ", "\t", "\n", "\r\n", "\u0000", "a\u0000b",
            "\ud800", "a\ud800", "\udfff", "\udc00\ud800", "\ud83d", "\ud83d\ude00", "\ufeff", "\ufffe", "\uffff",
            "\u202e", "\u200b", "\u0085", "\u2028", "é", "e\u0301", "𝔘", "ǅ", "ß", "İ", "..", ".", "/", "\\", "%",
            "%00", "%2F", "%ZZ", "+", "?", "#", ";", "*", "'", "\"", "' OR '1'='1", "'; DROP TABLE users; --",
            "${jndi:ldap://127.0.0.1/a}", "{{7*7}}", "#{7*7}", "<script>alert(1)</script>", "null", "true", "-0",
            "NaN", "Infinity", "1e999999", "0x10", "[]", "{}", ".well-known", "admin", "*/*", "a".repeat(129),
            "a".repeat(257), "a".repeat(2049), "é".repeat(129), "𝔘".repeat(65), "x".repeat(2001) + " ",
            "Corr3ct#Horse ", " Corr3ct#Horse", "a@b", "@", "a@b.c\u0000", "+1555\u00001234", "+", "+0",
            "+99999999999999999999", "1970-01-01", "9999-99-99");

    /** Number texts JSON allows (or nearly): huge, tiny, negative zero, many digits. */
    public static final List<String> NUMBERS = List.of("0", "-0", "0.0", "-0.0", "1", "-1", "1e999999", "-1e999999",
            "1e-999999", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "2147483648",
            "4294967296", "1.5", "1E2", "1e+2", "0.000001", "1" + "0".repeat(400), "1" + "0".repeat(1200),
            "0." + "1".repeat(1200), "01", "1.", ".5", "+1", "0x10", "NaN", "-Infinity");

    /** Bytes that are not UTF-8: a lone continuation, an overlong NUL, an encoded surrogate, 0xFF. */
    private static final List<byte[]> BAD_UTF8 = List.of(new byte[] {(byte) 0x80}, new byte[] {(byte) 0xC0, (byte) 0x80},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xFF},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82});

    private Hostile() {
    }

    // ---- strings ----

    /** Any hostile string: hand-picked, random over all of UTF-16 (surrogates included), or long. */
    public static Gen<String> text() {
        return Gen.frequencyOf(
                Gen.weighted(4, Gen.of(NASTY)),
                Gen.weighted(3, Gen.strings().all().ofMaxLength(12)),
                Gen.weighted(2, Gen.strings().withCharRange(' ', '~').ofMaxLength(40)),
                Gen.weighted(1, Gen.strings().withChars('\u0000', '\ud800', '\udbff', '\udc00', '\t', ' ', 'a')
                        .ofMinLength(1).ofMaxLength(6)),
                Gen.weighted(1, Gen.combine(Gen.of(NASTY), Gen.strings().alpha().ofMaxLength(8),
                        Gen.of(NASTY)).as((a, b, c) -> a + b + c)),
                Gen.weighted(1, Gen.combine(Gen.of("a", "é", "𝔘", "x ", "\u0000"),
                        Gen.of(64, 128, 129, 256, 257, 2048, 2049, 20_001, 131_073, 300_000))
                        .as(String::repeat)));
    }

    /** A plausible value for a field, nearly right: what gets past the first checks. */
    public static Gen<String> nearlyValid(String... values) {
        return Gen.oneOf(Gen.of(values), Gen.combine(Gen.of(values),
                Gen.of(NASTY)).as((v, n) -> v + n));
    }

    // ---- JSON ----

    /** A JSON value as written on the wire, with the ways of writing it that matter to a parser. */
    public sealed interface Json {
        void write(ByteArrayOutputStream out);

        default byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            write(out);
            return out.toByteArray();
        }
    }

    /**
     * A string; {@code style} 0 writes characters as UTF-8 where it can, 1 escapes every
     * character, 2 also puts bytes that are not UTF-8 at its end. Surrogates and control
     * characters are always escaped ({@code \ud800}), the only way JSON can carry a lone one.
     */
    public record Str(String value, int style) implements Json {
        public Str(String value) {
            this(value, 0);
        }

        @Override
        public void write(ByteArrayOutputStream out) {
            out.write('"');
            StringBuilder text = new StringBuilder();
            for (char c : value.toCharArray()) {
                if (c == '"' || c == '\\') {
                    text.append('\\').append(c);
                } else if (style >= 1 || c < 0x20 || Character.isSurrogate(c) || c == 0x7f) {
                    text.append(String.format("\\u%04x", (int) c));
                } else {
                    text.append(c);
                }
            }
            out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
            if (style == 2) {
                out.writeBytes(BAD_UTF8.get(Math.floorMod(value.hashCode(), BAD_UTF8.size())));
            }
            out.write('"');
        }

        @Override
        public String toString() {
            return "Str[" + Hostile.show(value) + (style == 0 ? "" : ", style " + style) + "]";
        }
    }

    /** Text written as it is: numbers, literals, and anything that is not JSON at all. */
    public record Raw(String text) implements Json {
        @Override
        public void write(ByteArrayOutputStream out) {
            out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Raw[" + Hostile.show(text) + "]";
        }
    }

    public record Arr(List<Json> items) implements Json {
        @Override
        public void write(ByteArrayOutputStream out) {
            out.write('[');
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                items.get(i).write(out);
            }
            out.write(']');
        }
    }

    /** An object as a list of members, so that a name may come twice. */
    public record Obj(List<Map.Entry<String, Json>> members) implements Json {
        @Override
        public void write(ByteArrayOutputStream out) {
            out.write('{');
            for (int i = 0; i < members.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                new Str(members.get(i).getKey()).write(out);
                out.write(':');
                members.get(i).getValue().write(out);
            }
            out.write('}');
        }

        /** The string members (the last one of a name wins), for checking what was stored. */
        public Json get(String name) {
            Json found = null;
            for (Map.Entry<String, Json> member : members) {
                if (member.getKey().equals(name)) {
                    found = member.getValue();
                }
            }
            return found;
        }
    }

    /** A body that is no JSON document: cut short, nested too deep, or bare bytes. */
    public record Bytes(byte[] content, String description) implements Json {
        @Override
        public void write(ByteArrayOutputStream out) {
            out.writeBytes(content);
        }

        @Override
        public String toString() {
            return "Bytes[" + description + "]";
        }
    }

    public static Gen<Json> string(Gen<String> values) {
        return Gen.combine(values, Gen.frequencyOf(Gen.weighted(8, Gen.just(0)), Gen.weighted(1, Gen.just(1)), Gen.weighted(1, Gen.just(2))))
                .as(Str::new);
    }

    public static Gen<Json> number() {
        return Gen.oneOf(Gen.of(NUMBERS), Gen.integers().map(String::valueOf)).map(Raw::new);
    }

    public static Gen<Json> literal() {
        return Gen.of("true", "false", "null").map(Raw::new);
    }

    /** Any JSON value, up to a few levels deep. */
    public static Gen<Json> anyJson() {
        return Gen.recursive(() -> Gen.oneOf(string(text()), number(), literal()),
                Hostile::containers, 0, 3);
    }

    private static Gen<Json> containers(Gen<Json> inner) {
        return Gen.oneOf(inner.list().ofMaxSize(4).map(Arr::new),
                members(text(), inner).map(Obj::new));
    }

    /** Object members from the given names and values, sometimes naming one twice. */
    public static Gen<List<Map.Entry<String, Json>>> members(Gen<String> names, Gen<Json> values) {
        Gen<Map.Entry<String, Json>> member = Gen.combine(names, values).as(Map::entry);
        return Gen.combine(member.list().ofMaxSize(4), Gen.integers().between(0, 9))
                .as((list, dup) -> {
                    if (dup == 0 && !list.isEmpty()) {
                        List<Map.Entry<String, Json>> twice = new ArrayList<>(list);
                        twice.add(list.get(0));
                        return twice;
                    }
                    return list;
                });
    }

    /** Bodies that are not a JSON document at all. */
    public static Gen<Json> notJson() {
        return Gen.oneOf(
                Gen.of(100, 999, 1000, 1001, 5000, 200_000).map(depth -> new Bytes(
                        ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.US_ASCII), "[ x " + depth)),
                Gen.of(100, 1001, 5000).map(depth -> new Bytes(("{\"a\":".repeat(depth) + "1"
                        + "}".repeat(depth)).getBytes(StandardCharsets.US_ASCII), "{\"a\": x " + depth)),
                Gen.of("", " ", "{", "{\"", "{\"a\":", "[1,]", "{\"a\":1,}", "{'a':1}", "{a:1}", "nul",
                        "\"\\ud800\"", "\"\\u00\"", "\"\\x41\"", "{\"a\":\"\\ud800\\u0000\"}", "/* c */{}", "{}{}",
                        "\ufeff{}", "{\"a\":NaN}", "{\"a\":1e999999}", "{\"a\":01}").map(Raw::new),
                Gen.bytes(64).map(b -> new Bytes(b, "random " + b.length)),
                Gen.of(1_048_577, 2_000_000).map(size -> new Bytes(
                        ("\"" + "a".repeat(size) + "\"").getBytes(StandardCharsets.US_ASCII), "string of " + size)),
                Gen.of("utf-16", "utf-32").map(charset -> new Bytes("{\"attributes\":{\"name\":\"x\"}}"
                        .getBytes(java.nio.charset.Charset.forName(charset)), "{} in " + charset)));
    }

    // ---- URLs and headers ----

    /** A path segment as sent on the wire (already percent-encoded where it must be). */
    public static Gen<String> pathSegment() {
        return Gen.frequencyOf(
                Gen.weighted(3, text().filter(s -> !s.isEmpty() && s.length() < 5000).map(Hostile::encode)),
                Gen.weighted(3, Gen.of(".well-known", "%2Ewell-known", "a%2Fb", "%2F", "..", "%2E%2E", ".",
                        "a;b", ";x=1", "%00", "a%00b", "%ED%A0%80", "%FF", "%C0%80", "%25", "%20", "%2520", "*",
                        "%E2%80%AE", "~", "-", "_", "a%0Ab", "a%0D%0Ab", "%09")),
                Gen.weighted(1, Gen.of(129, 4000, 20_000).map("a"::repeat)));
    }

    /** A query value as sent (percent-encoded). */
    public static Gen<String> queryValue() {
        return Gen.oneOf(text().filter(s -> s.length() < 5000).map(Hostile::encode),
                Gen.of("a&b", "a=b", "%2525", "%00", "%ED%A0%80", "%FF", "-1", "0", "1e999", "99999999999"));
    }

    /** A header value that an HTTP client can still send (no CR, LF, NUL or non-Latin-1). */
    public static Gen<String> headerValue() {
        return Gen.oneOf(
                Gen.strings().withCharRange(' ', '~').ofMaxLength(60),
                Gen.strings().withCharRange('\u00a0', '\u00ff').ofMaxLength(10),
                Gen.of("", " ", "\t", "\"", "\"\"", "\"1\"", "W/\"1\"", "\"-1\"", "\"99999999999999999999\"",
                        "\"1\", \"2\"", "*", "\"*\"", "\"0x1\"", "\" 1\"", "\"1", "1\"", "'1'", "null"),
                Gen.of(8_000, 16_000, 70_000).map("h"::repeat));
    }

    /** Percent-encodes the UTF-8 of {@code value} (lone surrogates become the bytes of '?': send {@code %ED%A0%80} for them). */
    public static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /** A printable, bounded rendering of a hostile string for failure reports. */
    public static String show(String value) {
        return show(value, 120);
    }

    /** {@link #show(String)} up to {@code max} characters. */
    public static String show(String value, int max) {
        StringBuilder out = new StringBuilder("\"");
        int limit = Math.min(value.length(), max);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (value.length() > limit) {
            // the end too: where a long value ends (a space, NUL) is often what matters
            out.append("...");
            for (char c : value.substring(Math.max(limit, value.length() - 8)).toCharArray()) {
                out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
            out.append("\" (").append(value.length()).append(" chars)");
            return out.toString();
        }
        out.append('"');
        return out.toString();
    }

    /** {@link #show} for bytes: UTF-8 where it decodes, escapes elsewhere. */
    public static String show(byte[] body) {
        if (body == null) {
            return "(none)";
        }
        return show(new String(body, StandardCharsets.UTF_8)) + " [" + body.length + " bytes]";
    }
}
