package io.userpools.attribute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.error.NotAuthorizedException;
import io.userpools.pool.Pool;
import io.userpools.pool.TestPools;
import io.userpools.user.UserChange;
import io.userpools.user.UserStatus;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The plans that the one user writer carries out, beyond updates: whether an admin update depends
 * on the user's state (the fast path), creation, confirmation of a sign-up, and SignUp's checks.
 */
class AttributePolicyPlansTest {

    static final ClientPermissions CLIENT = new ClientPermissions("app",
            Set.of("email", "given_name", "birthdate", "custom:tier"),
            Set.of("email", "given_name", "birthdate", "custom:tier", "preferred_username", "phone_number"), false);

    @Test
    void anUpdateOfPlainAttributesIsAMergeAndOneOfIdentifiersOrFlagsIsNot() {
        Pool pool = TestPools.aliasAttributes();
        MergeWrite merge = AttributePolicy.planMerge(pool, Map.of("given_name", "Ann", "custom:tier", ""));
        assertThat(merge).isNotNull();
        assertThat(merge.set()).containsExactly(Map.entry("given_name", "Ann"));
        assertThat(merge.remove()).containsExactly("custom:tier");
        assertThat(AttributePolicy.planMerge(pool, Map.of("email", "a@example.com"))).isNull();
        assertThat(AttributePolicy.planMerge(pool, Map.of("email_verified", "true", "email", "a@example.com")))
                .isNull();
        assertThat(AttributePolicy.planMerge(pool, Map.of("preferred_username", "ann"))).isNull();
        assertThat(AttributePolicy.planMerge(pool, Map.of())).isNull();
        // still validated in full before any write
        assertThatThrownBy(() -> AttributePolicy.planMerge(pool, Map.of("custom:missing", "x")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void creationClaimsEveryIdentifierAndForcingMovesVerifiedAliases() {
        Map<String, String> attributes = Map.of("sub", "s", "email", "a@example.com", "email_verified", "true",
                "preferred_username", "ann");
        UserChange plain = AttributePolicy.planCreate(TestPools.aliasAttributes(), UserStatus.UNCONFIRMED,
                attributes, false);
        assertThat(plain.status()).isEqualTo(UserStatus.UNCONFIRMED);
        assertThat(plain.aliasesToAdd()).containsOnly(Map.entry("email", "a@example.com"),
                Map.entry("preferred_username", "ann"));
        assertThat(plain.aliasesToMove()).isEmpty();
        UserChange forced = AttributePolicy.planCreate(TestPools.aliasAttributes(), UserStatus.FORCE_CHANGE_PASSWORD,
                attributes, true);
        assertThat(forced.aliasesToMove()).containsExactly(Map.entry("email", "a@example.com"));
        assertThat(forced.aliasesToAdd()).containsExactly(Map.entry("preferred_username", "ann"));
    }

    @Test
    void confirmingASignUpVerifiesTheCodesAttributeOnlyAndActivatesItsAlias() {
        Map<String, String> current = Map.of("sub", "s", "email", "a@example.com", "phone_number", "+15550100");
        UpdatePlan plan = AttributePolicy.planConfirmSignUp(TestPools.aliasAttributes(), current, Map.of(),
                "phone_number", false);
        assertThat(plan.attributes()).containsEntry("phone_number_verified", "true")
                .doesNotContainKey("email_verified");
        assertThat(plan.aliasesToAdd()).containsExactly(Map.entry("phone_number", "+15550100"));
        assertThat(plan.change(UserStatus.CONFIRMED).status()).isEqualTo(UserStatus.CONFIRMED);
        UpdatePlan forced = AttributePolicy.planConfirmSignUp(TestPools.aliasAttributes(), current, Map.of(),
                "email", true);
        assertThat(forced.aliasesToMove()).containsExactly(Map.entry("email", "a@example.com"));
        UpdatePlan admin = AttributePolicy.planConfirmSignUp(TestPools.aliasAttributes(), current, Map.of(), null,
                false);
        assertThat(admin.attributes()).isEqualTo(current);
        assertThat(admin.aliasesToAdd()).isEmpty();
        assertThat(admin.aliasesToMove()).isEmpty();
    }

    @Test
    void signUpChecksUseItsOwnTexts() {
        Pool pool = TestPools.withRequired("birthdate", "given_name");
        assertThatThrownBy(() -> AttributePolicy.checkSignUp(pool, CLIENT, Map.of("custom:role", "x"), Map.of()))
                .hasMessage("Attributes did not conform to the schema: Type for attribute {custom:role} could not "
                        + "be determined");
        assertThatThrownBy(() -> AttributePolicy.checkSignUp(pool, CLIENT, Map.of(), Map.of("sub", "s")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Attributes did not conform to the schema: birthdate: The attribute is required")
                .hasMessageContaining("\n")
                .hasMessageContaining("Attributes did not conform to the schema: given_name: The attribute is required");
        assertThatThrownBy(() -> AttributePolicy.checkSignUp(pool, CLIENT, Map.of("email_verified", "true"),
                Map.of())).isInstanceOf(NotAuthorizedException.class);
        assertThatThrownBy(() -> AttributePolicy.checkSignUp(TestPools.aliasAttributes(), CLIENT,
                Map.of("preferred_username", "ann"), Map.of()))
                .hasMessage("preferred_username can not be set before user is confirmed.");
        AttributePolicy.checkSignUp(pool, CLIENT, Map.of("birthdate", "2000-01-01", "given_name", "Ann"),
                Map.of("birthdate", "2000-01-01", "given_name", "Ann", "sub", "s"));
    }
}
