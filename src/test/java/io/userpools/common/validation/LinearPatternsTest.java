package io.userpools.common.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import static io.userpools.support.AllStrings.disagreements;
import static io.userpools.support.AllStrings.upTo;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each linear check decides what Cognito's pattern decides, and stays linear on hostile input.
 * Equivalence is checked on every string up to a length over alphabets of the characters that
 * matter to the patterns (whitespace, line terminators, each class they name, surrogates).
 */
class LinearPatternsTest {

    /** Whitespace, line terminators, and a member of each class the patterns name or exclude. */
    private static final String CHARS = "a_+=,.@-# \t\n\r\u000B\f\u0085\u2028\u00A0\u0301€\ud83d\ude00\u0000";

    @Test
    void eachCheckAcceptsExactlyWhatItsPatternMatches() {
        List<String> values = upTo(CHARS, 3);
        values.addAll(upTo("a_@. \n\u2028\u0085", 5));
        values.addAll(List.of("RESEND", "SUPPRESS", "NEW_PASSWORD_REQUIRED", "resend", "RESEND ", "RESEND|SUPPRESS",
                "EMAIL", "SMS", "email", "EMAIL|SMS", " SMS",
                "Perm#Passw0rd", "with inner spaces", "é", "\ud800", "\udc00x"));
        for (String regex : LinearPatterns.known()) {
            Pattern original = Pattern.compile(regex);
            assertThat(disagreements(values, LinearPatterns.of(regex)::test, v -> original.matcher(v).matches()))
                    .as(regex).isEmpty();
        }
    }

    /** Longer passwords over the characters that decide the password pattern. */
    @Test
    void thePasswordCheckAgreesOnLongerPasswords() {
        Pattern original = Pattern.compile(LinearPatterns.NOT_BLANK_PASSWORD);
        assertThat(disagreements(upTo("a \t\n\u2028\u0085\r", 6), LinearPatterns::noEdgeWhitespace,
                v -> original.matcher(v).matches())).isEmpty();
    }

    @Test
    void ordinaryValues() {
        assertThat(LinearPatterns.noEdgeWhitespace("Perm#Passw0rd")).isTrue();
        assertThat(LinearPatterns.noEdgeWhitespace("with inner spaces")).isTrue();
        assertThat(LinearPatterns.noEdgeWhitespace("x")).isTrue();
        assertThat(LinearPatterns.noEdgeWhitespace("")).isFalse();
        assertThat(LinearPatterns.noEdgeWhitespace(" lead")).isFalse();
        assertThat(LinearPatterns.noEdgeWhitespace("trail ")).isFalse();
        assertThat(LinearPatterns.noEdgeWhitespace("two\nlines")).isFalse();
        assertThat(LinearPatterns.of("RESEND|SUPPRESS").test("SUPPRESS")).isTrue();
        assertThat(LinearPatterns.of("RESEND|SUPPRESS").test("RESEND|SUPPRESS")).isFalse();
        assertThat(LinearPatterns.of("no such pattern")).isNull();
    }

    /**
     * The shapes that made the old password pattern backtrack (2,000 characters ending in a space
     * took 9 s): every check answers a mebibyte of them in well under the bound.
     */
    @Test
    void hostileShapesAreLinear() {
        int mib = 1 << 20;
        List<String> hostile = List.of("a".repeat(mib) + " ", "a".repeat(mib) + "\n", " ".repeat(mib) + "a",
                "a ".repeat(mib / 2) + " ", "a".repeat(mib) + "!", "_".repeat(mib) + " ", "a\u2028".repeat(mib / 2) + " ");
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (String regex : LinearPatterns.known()) {
                for (String value : hostile) {
                    LinearPatterns.of(regex).test(value);
                }
            }
        });
    }
}
