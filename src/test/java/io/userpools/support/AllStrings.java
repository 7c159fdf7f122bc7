package io.userpools.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Exhaustive inputs for checks that must agree with a reference: every short string over an alphabet. */
public final class AllStrings {

    private AllStrings() {
    }

    /** Every string of up to {@code maxLength} characters over {@code alphabet}, the empty one first. */
    public static List<String> upTo(String alphabet, int maxLength) {
        List<String> all = new ArrayList<>(List.of(""));
        List<String> previous = List.of("");
        for (int length = 1; length <= maxLength; length++) {
            List<String> next = new ArrayList<>();
            for (String prefix : previous) {
                for (char c : alphabet.toCharArray()) {
                    next.add(prefix + c);
                }
            }
            all.addAll(next);
            previous = next;
        }
        return all;
    }

    /** The value with every character outside printable ASCII as a {@code \\uXXXX} escape, for messages. */
    public static String escape(String value) {
        StringBuilder out = new StringBuilder();
        value.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return out.toString();
    }

    /** The values (escaped) on which {@code check} and {@code reference} disagree. */
    public static List<String> disagreements(List<String> values, Predicate<String> check, Predicate<String> reference) {
        return values.stream().filter(v -> check.test(v) != reference.test(v)).map(AllStrings::escape).toList();
    }
}
