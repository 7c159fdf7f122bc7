package io.userpools.attribute;

import static org.assertj.core.api.Assertions.assertThat;

import io.userpools.pool.AttributeDefinition;
import io.userpools.pool.AttributeType;
import io.userpools.pool.StandardAttributes;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The per-value checks of {@link AttributeValues} (spec 1.1, 1.2, 2.1 step 5). */
class AttributePolicyValuesTest {

    static final AttributeDefinition EMAIL = StandardAttributes.BY_NAME.get("email");
    static final AttributeDefinition PHONE = StandardAttributes.BY_NAME.get("phone_number");
    static final AttributeDefinition BIRTHDATE = StandardAttributes.BY_NAME.get("birthdate");
    static final AttributeDefinition NAME = StandardAttributes.BY_NAME.get("name");
    static final AttributeDefinition LEVEL = new AttributeDefinition("custom:level", AttributeType.Number, true, false,
            false, null, null, -5L, 10L);
    static final AttributeDefinition FREE_NUMBER = new AttributeDefinition("custom:n", AttributeType.Number, true,
            false, false, null, null, null, null);
    static final AttributeDefinition VIP = new AttributeDefinition("custom:vip", AttributeType.Boolean, true, false,
            false, null, null, null, null);
    static final AttributeDefinition SINCE = new AttributeDefinition("custom:since", AttributeType.DateTime, true,
            false, false, null, null, null, null);
    static final AttributeDefinition TIER = new AttributeDefinition("custom:tier", AttributeType.String, true, false,
            false, 2, 4, null, null);

    @ParameterizedTest
    @ValueSource(strings = {"a@b.co", "first.last+tag@mail.example.com", "ÜBER@bücher.de"})
    void acceptsEmails(String value) {
        assertThat(AttributeValues.check(EMAIL, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "@b.co", "a@", "a@b", "a@@b.co", "a b@c.de", "a@b..co", "a@.b.co", "a@b.co."})
    void rejectsEmails(String value) {
        assertThat(AttributeValues.check(EMAIL, value)).contains("Invalid email address format.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+14325551212", "+1", "+123456789012345"})
    void acceptsPhoneNumbers(String value) {
        assertThat(AttributeValues.check(PHONE, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"14325551212", "+", "+1234567890123456", "+1 432 555", "+1-432", "+44(0)20"})
    void rejectsPhoneNumbers(String value) {
        assertThat(AttributeValues.check(PHONE, value)).contains("Invalid phone number format.");
    }

    @Test
    void birthdateIsExactlyTenCharacters() {
        assertThat(AttributeValues.check(BIRTHDATE, "1990-01-31")).isEmpty();
        assertThat(AttributeValues.check(BIRTHDATE, "1990-1-31"))
                .contains("user.birthdate: String must be no shorter than 10 characters");
        assertThat(AttributeValues.check(BIRTHDATE, "1990-01-311"))
                .contains("user.birthdate: String must be no longer than 10 characters");
    }

    @Test
    void stringLengthsFollowTheDefinitionAndTheHardLimit() {
        assertThat(AttributeValues.check(TIER, "a")).contains("user.custom:tier: String must be no shorter than 2 characters");
        assertThat(AttributeValues.check(TIER, "abcde")).contains("user.custom:tier: String must be no longer than 4 characters");
        assertThat(AttributeValues.check(TIER, "abcd")).isEmpty();
        assertThat(AttributeValues.check(NAME, "x".repeat(2048))).isEmpty();
        assertThat(AttributeValues.check(NAME, "x".repeat(2049)))
                .contains("user.name: String must be no longer than 2048 characters");
        // every type has the 2048 limit
        assertThat(AttributeValues.check(FREE_NUMBER, "1".repeat(2049)))
                .contains("user.custom:n: String must be no longer than 2048 characters");
    }

    @Test
    void numbersParseAndStayInRange() {
        assertThat(AttributeValues.check(LEVEL, "10")).isEmpty();
        assertThat(AttributeValues.check(LEVEL, "-5")).isEmpty();
        assertThat(AttributeValues.check(LEVEL, "2.5")).isEmpty();
        assertThat(AttributeValues.check(LEVEL, "10.01")).contains("user.custom:level: Number must be no greater than 10");
        assertThat(AttributeValues.check(LEVEL, "-6")).contains("user.custom:level: Number must be no less than -5");
        assertThat(AttributeValues.check(FREE_NUMBER, "123456789012345678901234567890")).isEmpty();
        for (String bad : new String[] {"ten", "1e3", "1,5", " 1", "0x10", "1.", ".5", "NaN"}) {
            assertThat(AttributeValues.check(LEVEL, bad)).as(bad)
                    .contains("user.custom:level: Attribute value must be a number");
        }
        assertThat(AttributeValues.check(StandardAttributes.BY_NAME.get("updated_at"), "-1"))
                .contains("user.updated_at: Number must be no less than 0");
    }

    @Test
    void booleansAreExactlyTrueOrFalse() {
        assertThat(AttributeValues.check(VIP, "true")).isEmpty();
        assertThat(AttributeValues.check(VIP, "false")).isEmpty();
        for (String bad : new String[] {"TRUE", "True", "1", "yes", " true"}) {
            assertThat(AttributeValues.check(VIP, bad)).as(bad)
                    .contains("user.custom:vip: Attribute value must be true or false");
        }
        assertThat(AttributeValues.check(StandardAttributes.BY_NAME.get("email_verified"), "True")).isPresent();
    }

    @Test
    void dateTimesNeedAnOffset() {
        for (String good : new String[] {"2024-05-01T10:15:30Z", "2024-05-01T10:15:30.123+02:00", "2024-05-01T10:15Z"}) {
            assertThat(AttributeValues.check(SINCE, good)).as(good).isEmpty();
        }
        Optional<String> message = Optional.of("user.custom:since: Attribute value must be an ISO-8601 date-time with offset");
        for (String bad : new String[] {"2024-05-01", "2024-05-01T10:15:30", "1714558530", "2024-13-01T00:00:00Z"}) {
            assertThat(AttributeValues.check(SINCE, bad)).as(bad).isEqualTo(message);
        }
    }
}
