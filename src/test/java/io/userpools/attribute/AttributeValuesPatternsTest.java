package io.userpools.attribute;

import static io.userpools.support.AllStrings.disagreements;
import static io.userpools.support.AllStrings.upTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.userpools.pool.AttributeDefinition;
import io.userpools.pool.AttributeType;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The possessive email and number patterns accept exactly what the former greedy ones did. */
class AttributeValuesPatternsTest {

    private static final Pattern OLD_EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern OLD_NUMBER = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");
    private static final AttributeDefinition NUMBER =
            new AttributeDefinition("custom:n", AttributeType.Number, true, false, false, null, null, null, null);

    @Test
    void emailsAsBefore() {
        assertThat(disagreements(upTo("a@. \t\u2028-", 5), AttributeValues::isEmail, v -> OLD_EMAIL.matcher(v).matches()))
                .isEmpty();
    }

    @Test
    void numbersAsBefore() {
        // blank values are deletions and never checked
        List<String> values = upTo("1+-.e ", 5).stream().filter(v -> !v.isEmpty()).toList();
        assertThat(disagreements(values, v -> AttributeValues.check(NUMBER, v).isEmpty(),
                v -> OLD_NUMBER.matcher(v).matches())).isEmpty();
    }

    @Test
    void longHostileValuesAreQuick() {
        String many = "a".repeat(AttributeDefinition.MAX_VALUE_LENGTH - 1);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            AttributeValues.isEmail(many + "@");
            AttributeValues.isEmail("a@" + "b.".repeat(1 << 19) + " ");
            AttributeValues.check(NUMBER, "1".repeat(2047) + "x");
        });
    }
}
