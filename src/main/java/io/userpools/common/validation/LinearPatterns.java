package io.userpools.common.validation;

import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The checks that stand for the {@code @Pattern} rules of the request records. Each key is the
 * pattern as Cognito words it (the annotation holds it and the error text quotes it; the OpenAPI
 * document shows a portable, anchored form of it, common/PortablePatterns); each value decides exactly what that pattern's full match decides, in time linear in
 * the input. {@code [\S]+.*[\S]+|[\S]} for passwords, run by {@link java.util.regex}, backtracks
 * in cubic time on a long value ending in a space (2,000 characters: 9 s of CPU on the event
 * loop), so it is a hand check; the single-class patterns use possessive quantifiers, which never
 * give back what they took; literal alternatives cannot backtrack at all. {@link ConstraintPlan}
 * refuses any other pattern, so that none runs on input before its cost has been looked at; the
 * tests prove every entry accepts and refuses what its regular expression does.
 */
final class LinearPatterns {

    static final String NOT_BLANK_PASSWORD = "[\\S]+.*[\\S]+|[\\S]";

    private static final Map<String, Predicate<CharSequence>> CHECKS = Map.of(
            NOT_BLANK_PASSWORD, LinearPatterns::noEdgeWhitespace,
            "\\S+", possessive("\\S++"),
            "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+", possessive("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]++"),
            "[\\w+]+", possessive("[\\w+]++"),
            "[\\w\\s+=,.@-]+", possessive("[\\w\\s+=,.@-]++"),
            "RESEND|SUPPRESS", literal("RESEND|SUPPRESS"),
            "EMAIL|SMS", literal("EMAIL|SMS"),
            "NEW_PASSWORD_REQUIRED", literal("NEW_PASSWORD_REQUIRED"));

    private LinearPatterns() {
    }

    /** The linear check for Cognito's pattern {@code regex}, or null when there is none. */
    static Predicate<CharSequence> of(String regex) {
        return CHECKS.get(regex);
    }

    /** The patterns that have one. */
    static Set<String> known() {
        return CHECKS.keySet();
    }

    private static Predicate<CharSequence> possessive(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return s -> pattern.matcher(s).matches();
    }

    private static Predicate<CharSequence> literal(String alternatives) {
        Set<String> words = Set.of(alternatives.split("\\|"));
        return s -> words.contains(s.toString());
    }

    /**
     * {@code [\S]+.*[\S]+|[\S]} by hand: not empty, no whitespace ({@code [ \t\n\x0B\f\r]}) at
     * either end, and no line terminator ({@code \n \r \u0085 \u2028 \u2029}, which {@code .}
     * does not match) between the first and the last whitespace. Outside that stretch a
     * terminator that is not whitespace belongs to the leading or trailing {@code [\S]+}.
     */
    static boolean noEdgeWhitespace(CharSequence s) {
        int n = s.length();
        int first = 0;
        while (first < n && !isSpace(s.charAt(first))) {
            first++;
        }
        if (first == n) {
            return n > 0;
        }
        if (first == 0 || isSpace(s.charAt(n - 1))) {
            return false;
        }
        int last = n - 1;
        while (!isSpace(s.charAt(last))) {
            last--;
        }
        for (int i = first; i <= last; i++) {
            if (isLineTerminator(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
