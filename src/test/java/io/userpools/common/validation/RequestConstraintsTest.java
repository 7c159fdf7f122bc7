package io.userpools.common.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.userpools.common.error.CognitoException.Violation;
import io.userpools.common.error.InvalidParameterException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import io.userpools.user.rest.AdminSetUserPasswordRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestConstraintsTest {

    record Inner(@NotNull @Size(min = 2) String name, @Min(100) @Max(200) Integer timeout) {
    }

    record Body(
            @NotNull @Size(min = 1, max = 5) @Pattern(regexp = "\\S+") String name,
            @Size(max = 2) List<@NotNull @Size(max = 3) String> tags,
            Map<@Size(min = 1, max = 4) String, @Size(max = 2) String> metadata,
            @Valid Inner inner,
            @Size(max = 1) List<@Valid Inner> inners,
            Inner unchecked) {
    }

    record Odd(@Email String mail) {
    }

    record Unreviewed(@Pattern(regexp = "(a+)+b") String text) {
    }

    static Body body(String name) {
        return new Body(name, null, null, null, null, null);
    }

    static InvalidParameterException failure(Record body) {
        try {
            RequestConstraints.valid(body);
        } catch (InvalidParameterException e) {
            return e;
        }
        throw new AssertionError("no violation for " + body);
    }

    @Test
    void aValidBodyComesBackUnchanged() {
        Body ok = new Body("abc", List.of("x", "yyy"), Map.of("k", "v"), new Inner("nm", 150), List.of(), null);
        assertThat(RequestConstraints.valid(ok)).isSameAs(ok);
    }

    @Test
    void aMissingBodyIsRefused() {
        assertThatThrownBy(() -> RequestConstraints.valid((Body) null))
                .isInstanceOf(InvalidParameterException.class).hasMessage("Request body is required");
    }

    @Test
    void eachRuleHasCognitosText() {
        assertThat(failure(body(null)).getMessage()).isEqualTo(
                "1 validation error detected: Value at 'name' failed to satisfy constraint: Member must not be null");
        assertThat(failure(body("")).getMessage()).endsWith("Member must have length greater than or equal to 1; "
                + "Value at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: \\S+");
        assertThat(failure(body("abcdef")).getMessage()).isEqualTo("1 validation error detected: Value at 'name' "
                + "failed to satisfy constraint: Member must have length less than or equal to 5");
        assertThat(failure(body("a b")).violations()).containsExactly(
                new Violation("name", "Member must satisfy regular expression pattern: \\S+"));
    }

    @Test
    void severalBrokenRulesAreCountedAndOrderedByField() {
        Body bad = new Body("ABCDEF", List.of("a", "b", "c"), null, new Inner("x", 99), null, null);
        InvalidParameterException e = failure(bad);
        assertThat(e.getMessage()).startsWith("4 validation errors detected: Value at 'inner.name'");
        assertThat(e.violations()).extracting(Violation::field)
                .containsExactly("inner.name", "inner.timeout", "name", "tags");
        assertThat(e.code()).isEqualTo("InvalidParameterException");
        assertThat(e.status()).isEqualTo(400);
    }

    @Test
    void listElementsAreNamedByTheirOneBasedPosition() {
        List<String> tags = new java.util.ArrayList<>(List.of("ok"));
        tags.add(null);
        Body bad = new Body("ab", tags, null, null, List.of(new Inner("x", 300)), null);
        assertThat(failure(bad).violations()).containsExactly(
                new Violation("inners.1.member.name", "Member must have length greater than or equal to 2"),
                new Violation("inners.1.member.timeout", "Member must have value less than or equal to 200"),
                new Violation("tags.2.member", "Member must not be null"));
    }

    @Test
    void mapKeysAndValuesAreCheckedOncePerRule() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("", "toolong");
        metadata.put("fine", "abc");
        metadata.put("waytoolong", "ok");
        Body bad = new Body("ab", null, metadata, null, null, null);
        assertThat(failure(bad).violations()).containsExactly(
                new Violation("metadata", "Map keys must satisfy constraint: [Member must have length greater than "
                        + "or equal to 1]"),
                new Violation("metadata", "Map value must satisfy constraint: [Member must have length less than "
                        + "or equal to 2]"),
                new Violation("metadata", "Map keys must satisfy constraint: [Member must have length less than "
                        + "or equal to 4]"));
    }

    @Test
    void nestedRecordsAreCheckedOnlyWhereMarkedValid() {
        Body body = new Body("ab", null, null, null, null, new Inner(null, 1));
        assertThat(RequestConstraints.valid(body)).isSameAs(body);
    }

    @Test
    void aConstraintItDoesNotKnowIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> RequestConstraints.valid(new Odd("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unsupported constraint");
    }

    @Test
    void parametersHaveTheirOwnChecks() {
        assertThat(RequestConstraints.length("username", "bob", 1, 128)).isEqualTo("bob");
        assertThatThrownBy(() -> RequestConstraints.length("username", "x".repeat(129), 1, 128))
                .hasMessage("1 validation error detected: Value at 'username' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 128");
        assertThat(RequestConstraints.range("maxResults", 60, 1, 60)).isEqualTo(60);
        assertThatThrownBy(() -> RequestConstraints.range("maxResults", 0, 1, 60))
                .hasMessage("1 validation error detected: Value at 'maxResults' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1");
    }

    @Test
    void aPatternWithoutALinearCheckIsRefusedRatherThanRun() {
        assertThatThrownBy(() -> RequestConstraints.valid(new Unreviewed("aaa")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No linear-time check for pattern (a+)+b");
    }

    /** The old plan ran the password pattern on any length: 2,000 characters ending in a space took 9 s. */
    @Test
    void aValueOverItsLengthIsRefusedForItsLengthWithoutRunningItsPattern() {
        for (String hostile : new String[] {"a".repeat(1 << 20) + " ", "a".repeat(257) + " ", "a".repeat(2000) + " "}) {
            InvalidParameterException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                    () -> failure(new AdminSetUserPasswordRequest(hostile, true)));
            assertThat(e.violations()).containsExactly(
                    new Violation("password", "Member must have length less than or equal to 256"));
        }
        InvalidParameterException atLimit = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> failure(new AdminSetUserPasswordRequest("a".repeat(255) + " ", true)));
        assertThat(atLimit.violations()).containsExactly(new Violation("password",
                "Member must satisfy regular expression pattern: [\\S]+.*[\\S]+|[\\S]"));
    }
}
