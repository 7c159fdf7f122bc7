package io.userpools.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userpools.common.error.InvalidParameterException;
import io.userpools.pool.CreatePoolCommand.SchemaAttributeInput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolSchemaBuilderTest {

    private static SchemaAttributeInput custom(String name, String type) {
        return new SchemaAttributeInput(name, type, null, null, null, null, null, null, null);
    }

    private static SchemaAttributeInput text(String name, Integer min, Integer max) {
        return new SchemaAttributeInput(name, "String", null, null, null, min, max, null, null);
    }

    private static SchemaAttributeInput standard(String name, Boolean mutable, Boolean required) {
        return new SchemaAttributeInput(name, null, mutable, required, null, null, null, null, null);
    }

    private static void assertInvalid(List<SchemaAttributeInput> schema, String message) {
        assertThatThrownBy(() -> PoolSchemaBuilder.schema(schema))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage(message);
    }

    @Test
    void noSchemaGivesTheTwentyStandardAttributesInOrder() {
        List<AttributeDefinition> schema = PoolSchemaBuilder.schema(null);
        assertThat(schema).hasSize(20).isEqualTo(StandardAttributes.DEFAULTS);
        assertThat(schema.get(0).name()).isEqualTo("sub");
    }

    @Test
    void customAttributesGetThePrefixAndDefaults() {
        List<AttributeDefinition> schema = PoolSchemaBuilder.schema(List.of(custom("tier", "String"),
                new SchemaAttributeInput("legacy", "Number", false, false, true, null, null, 1L, 9L)));
        assertThat(schema).hasSize(22);
        AttributeDefinition tier = schema.get(20);
        assertThat(tier.name()).isEqualTo("custom:tier");
        assertThat(tier.mutable()).isTrue();
        assertThat(tier.required()).isFalse();
        assertThat(tier.minLength()).isZero();
        assertThat(tier.maxLength()).isEqualTo(2048);
        AttributeDefinition legacy = schema.get(21);
        assertThat(legacy.name()).isEqualTo("dev:custom:legacy");
        assertThat(legacy.developerOnly()).isTrue();
        assertThat(legacy.mutable()).isFalse();
        assertThat(legacy.minValue()).isEqualTo(1L);
        assertThat(legacy.maxValue()).isEqualTo(9L);
    }

    @Test
    void standardAttributesTakeRequiredAndMutable() {
        List<AttributeDefinition> schema = PoolSchemaBuilder.schema(List.of(standard("email", false, true)));
        AttributeDefinition email = schema.stream().filter(a -> a.name().equals("email")).findFirst().orElseThrow();
        assertThat(email.required()).isTrue();
        assertThat(email.mutable()).isFalse();
        assertThat(email.type()).isEqualTo(AttributeType.String);
        assertThat(schema).hasSize(20);
    }

    @Test
    void theTypeOfAStandardAttributeCannotChange() {
        assertInvalid(List.of(custom("email", "Number")),
                "You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute email");
    }

    @Test
    void aStandardAttributeCannotBeDeveloperOnly() {
        assertInvalid(List.of(new SchemaAttributeInput("nickname", null, null, null, true, null, null, null, null)),
                "You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute nickname");
    }

    @Test
    void givingAStandardAttributeItsOwnTypeIsAllowed() {
        assertThat(PoolSchemaBuilder.schema(List.of(custom("updated_at", "Number")))).hasSize(20);
    }

    @Test
    void aStandardAttributeMayRepeatItsOwnConstraintsButNotChangeThem() {
        List<AttributeDefinition> schema = PoolSchemaBuilder.schema(List.of(
                new SchemaAttributeInput("email", "String", true, true, false, 0, 2048, null, null),
                new SchemaAttributeInput("updated_at", "Number", true, false, false, null, null, 0L, null)));
        assertThat(schema.get(10).required()).isTrue();
        assertInvalid(List.of(text("email", 0, 64)), "You can not change AttributeDataType or set "
                + "developerOnlyAttribute for standard schema attribute email");
        assertInvalid(List.of(new SchemaAttributeInput("updated_at", "Number", null, null, null, null, null, 0L, 9L)),
                "You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute "
                        + "updated_at");
    }

    @Test
    void addCustomAppendsPrefixedAttributesAllOrNothing() {
        List<AttributeDefinition> base = PoolSchemaBuilder.schema(List.of(custom("tier", "String")));
        List<AttributeDefinition> added = PoolSchemaBuilder.addCustom(base, List.of(custom("email", "String"),
                custom("custom:x", "Number"), new SchemaAttributeInput("old", "String", null, null, true, null, null,
                        null, null)));
        assertThat(added).hasSize(24).startsWith(base.toArray(AttributeDefinition[]::new));
        assertThat(added.subList(21, 24)).extracting(AttributeDefinition::name)
                .containsExactly("custom:email", "custom:custom:x", "dev:custom:old");
        assertThat(base).hasSize(21);
    }

    @Test
    void addCustomRefusesNamesThePoolHasInEitherForm() {
        List<AttributeDefinition> base = PoolSchemaBuilder.schema(List.of(custom("tier", "String"),
                new SchemaAttributeInput("old", "String", null, null, true, null, null, null, null)));
        for (SchemaAttributeInput again : List.of(custom("tier", "Number"), custom("old", "String"),
                new SchemaAttributeInput("tier", "String", null, null, true, null, null, null, null))) {
            assertThatThrownBy(() -> PoolSchemaBuilder.addCustom(base, List.of(again)))
                    .isInstanceOf(InvalidParameterException.class)
                    .hasMessage("custom:" + again.name() + ": Existing attribute already has name custom:"
                            + again.name() + ".");
        }
        assertThatThrownBy(() -> PoolSchemaBuilder.addCustom(base, List.of(custom("n", "String"),
                custom("n", "Boolean"))))
                .hasMessage("custom:n: Existing attribute already has name custom:n.");
    }

    @Test
    void addCustomStopsAtFiftyCustomAttributes() {
        List<SchemaAttributeInput> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(custom("a" + i, "String"));
        }
        List<AttributeDefinition> full = PoolSchemaBuilder.addCustom(StandardAttributes.DEFAULTS, fifty);
        assertThat(full).hasSize(70);
        assertThatThrownBy(() -> PoolSchemaBuilder.addCustom(full, List.of(custom("one", "String"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("Cannot add more than 50 custom attributes to a user pool.");
        assertThatThrownBy(() -> PoolSchemaBuilder.addCustom(StandardAttributes.DEFAULTS,
                List.of(new SchemaAttributeInput("r", "String", null, true, null, null, null, null, null))))
                .hasMessage("Required custom attributes are not supported currently.");
    }

    @Test
    void subStaysRequiredAndImmutable() {
        assertThatThrownBy(() -> PoolSchemaBuilder.schema(List.of(standard("sub", true, null))))
                .isInstanceOf(InvalidParameterException.class);
        assertThat(PoolSchemaBuilder.schema(List.of(standard("sub", false, true))).get(0))
                .isEqualTo(StandardAttributes.DEFAULTS.get(0));
    }

    @Test
    void aCustomAttributeNeedsAKnownType() {
        String text = "Invalid AttributeDataType input, consider using the provided AttributeDataType enum.";
        assertInvalid(List.of(custom("tier", null)), text);
        assertInvalid(List.of(custom("tier", "Text")), text);
        assertInvalid(List.of(custom("tier", "string")), text);
    }

    @Test
    void customAttributesCannotBeRequired() {
        assertInvalid(List.of(new SchemaAttributeInput("tier", "String", null, true, null, null, null, null, null)),
                "Required custom attributes are not supported currently.");
    }

    @Test
    void stringLengthsStayWithin2048() {
        assertThatThrownBy(() -> PoolSchemaBuilder.schema(List.of(text("tier", null, 2049))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("2048");
        assertThatThrownBy(() -> PoolSchemaBuilder.schema(List.of(text("tier", -1, null))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("2048");
        assertThat(PoolSchemaBuilder.schema(List.of(text("tier", 2048, 2048))).get(20).minLength()).isEqualTo(2048);
    }

    @Test
    void maxLengthCannotBeLessThanMinLength() {
        assertInvalid(List.of(text("tier", 5, 4)), "Max length cannot be less than min length.");
    }

    @Test
    void lengthConstraintsOnlyForStringsAndValueConstraintsOnlyForNumbers() {
        assertThatThrownBy(() -> PoolSchemaBuilder.schema(
                List.of(new SchemaAttributeInput("n", "Number", null, null, null, 1, 2, null, null))))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> PoolSchemaBuilder.schema(
                List.of(new SchemaAttributeInput("s", "String", null, null, null, null, null, 1L, null))))
                .isInstanceOf(InvalidParameterException.class);
        assertInvalid(List.of(new SchemaAttributeInput("n", "Number", null, null, null, null, null, 5L, 4L)),
                "Max value cannot be less than min value.");
    }

    @Test
    void customNamesHaveOneToTwentyPrintableCharacters() {
        assertThat(PoolSchemaBuilder.schema(List.of(custom("a".repeat(20), "String"))).get(20).name())
                .isEqualTo("custom:" + "a".repeat(20));
        for (String bad : List.of("", "a".repeat(21), "has space", "tab\tbed")) {
            assertThatThrownBy(() -> PoolSchemaBuilder.schema(List.of(custom(bad, "String"))))
                    .as(bad).isInstanceOf(InvalidParameterException.class)
                    .hasMessageContaining("at 'schema.name' failed to satisfy constraint");
        }
    }

    @Test
    void duplicateNamesAreRefused() {
        assertThatThrownBy(() -> PoolSchemaBuilder.schema(List.of(custom("tier", "String"), custom("tier", "Number"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Duplicate");
        assertThatThrownBy(() -> PoolSchemaBuilder.schema(List.of(standard("email", null, true),
                standard("email", null, false))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Duplicate");
    }

    @Test
    void atMostFiftyCustomAttributes() {
        List<SchemaAttributeInput> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(custom("c" + i, "String"));
        }
        assertThat(PoolSchemaBuilder.schema(fifty)).hasSize(70);
        List<SchemaAttributeInput> fiftyOne = new ArrayList<>(fifty);
        fiftyOne.add(custom("c50", "Boolean"));
        assertThatThrownBy(() -> PoolSchemaBuilder.schema(fiftyOne))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("50");
    }

    @Test
    void usernameAndAliasAttributesAreExclusive() {
        assertThatThrownBy(() -> PoolSchemaBuilder.checkAttributeSettings(List.of("email"), List.of("phone_number"),
                List.of(), List.of(), StandardAttributes.DEFAULTS))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.");
    }

    @Test
    void attributeListsTakeOnlyTheirAllowedNames() {
        List<AttributeDefinition> s = StandardAttributes.DEFAULTS;
        assertThatThrownBy(() -> PoolSchemaBuilder.checkAttributeSettings(List.of("preferred_username"), List.of(),
                List.of(), List.of(), s)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("'usernameAttributes'");
        assertThatThrownBy(() -> PoolSchemaBuilder.checkAttributeSettings(List.of(), List.of("nickname"),
                List.of(), List.of(), s)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("'aliasAttributes'");
        assertThatThrownBy(() -> PoolSchemaBuilder.checkAttributeSettings(List.of(), List.of(),
                List.of("preferred_username"), List.of(), s)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("'autoVerifiedAttributes'");
        assertThatThrownBy(() -> PoolSchemaBuilder.checkAttributeSettings(List.of("email", "email"), List.of(),
                List.of(), List.of(), s)).isInstanceOf(InvalidParameterException.class);
        PoolSchemaBuilder.checkAttributeSettings(List.of("email", "phone_number"), List.of(),
                List.of("email", "phone_number"), List.of("email"), s);
        PoolSchemaBuilder.checkAttributeSettings(List.of(), List.of("email", "phone_number", "preferred_username"),
                List.of("phone_number"), List.of(), s);
    }

    @Test
    void verificationBeforeUpdateNeedsAutoVerification() {
        assertThatThrownBy(() -> PoolSchemaBuilder.checkAttributeSettings(List.of(), List.of(), List.of("email"),
                List.of("email", "phone_number"), StandardAttributes.DEFAULTS))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes");
    }
}
