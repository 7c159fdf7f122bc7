package io.userpools.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.userpools.common.error.CognitoException.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cognito's "N validation error(s) detected" summary, built in one place for every operation. */
class InvalidParameterExceptionTest {

    @Test
    void oneRuleIsCountedInTheSingular() {
        InvalidParameterException e = InvalidParameterException.detected("filter",
                "Member must have length less than or equal to 256");

        assertThat(e.getMessage()).isEqualTo("1 validation error detected: Value at 'filter' failed to satisfy "
                + "constraint: Member must have length less than or equal to 256");
        assertThat(e.violations()).containsExactly(
                new Violation("filter", "Member must have length less than or equal to 256"));
        assertThat(e.status()).isEqualTo(400);
    }

    @Test
    void severalRulesAreCountedAndJoinedInOrder() {
        InvalidParameterException e = InvalidParameterException.detected(List.of(
                new Violation("b", "Member must not be null"), new Violation("a", "Member must not be null")));

        assertThat(e.getMessage()).isEqualTo("2 validation errors detected: "
                + "Value at 'b' failed to satisfy constraint: Member must not be null; "
                + "Value at 'a' failed to satisfy constraint: Member must not be null");
        assertThat(e.violations()).extracting(Violation::field).containsExactly("b", "a");
    }

    @Test
    void aQuotedValueIsInTheMessageButNotInTheViolations() {
        InvalidParameterException e = InvalidParameterException.detectedValue("weeks", "tokenValidityUnits",
                "Member must satisfy enum value set: [seconds, minutes, hours, days]");

        assertThat(e.getMessage()).isEqualTo("1 validation error detected: Value 'weeks' at 'tokenValidityUnits' "
                + "failed to satisfy constraint: Member must satisfy enum value set: [seconds, minutes, hours, days]");
        assertThat(e.violations()).containsExactly(new Violation("tokenValidityUnits",
                "Member must satisfy enum value set: [seconds, minutes, hours, days]"));
        assertThat(e.violations().get(0).message()).doesNotContain("weeks");
    }

    @Test
    void partsWordedByTheCallerKeepTheirOwnWording() {
        List<String> parts = List.of(InvalidParameterException.part(List.of("x"), "aliasAttributes", "rule one"),
                InvalidParameterException.part("schema.name", "rule two"));

        InvalidParameterException e = InvalidParameterException.summary(parts, List.of());

        assertThat(e.getMessage()).isEqualTo("2 validation errors detected: Value '[x]' at 'aliasAttributes' failed to "
                + "satisfy constraint: rule one; Value at 'schema.name' failed to satisfy constraint: rule two");
    }
}
