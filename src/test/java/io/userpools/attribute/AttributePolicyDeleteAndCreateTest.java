package io.userpools.attribute;

import static io.userpools.attribute.AttributePolicyTest.assertForbidden;
import static io.userpools.attribute.AttributePolicyTest.assertInvalid;
import static io.userpools.attribute.AttributePolicyTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.userpools.pool.Pool;
import io.userpools.pool.TestPools;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** planDelete (spec 2.4) and checkCreate (spec 2.8). */
class AttributePolicyDeleteAndCreateTest {

    static final Map<String, String> USER = Map.of("sub", "s", "name", "Ann", "email", "ann@example.com",
            "email_verified", "true", "custom:tier", "gold");

    static UpdatePlan delete(Pool pool, Map<String, String> pending, String... names) {
        return AttributePolicy.planDelete(pool, UpdateContext.ADMIN, null, USER, pending, List.of(names));
    }

    @Test
    void deletesNamedAttributes() {
        UpdatePlan plan = delete(TestPools.plain(), Map.of(), "name", "custom:tier");

        assertThat(plan.attributes()).doesNotContainKeys("name", "custom:tier").containsKey("email");
        assertThat(plan.changed()).isTrue();
    }

    @Test
    void emptyListAndUnsetAttributesAreNoOps() {
        assertThat(delete(TestPools.plain(), Map.of()).changed()).isFalse();
        UpdatePlan plan = delete(TestPools.plain(), Map.of(), "nickname", "custom:vip");
        assertThat(plan.changed()).isFalse();
        assertThat(plan.attributes()).isEqualTo(USER);
    }

    @Test
    void deletingEmailDropsFlagAndPending() {
        UpdatePlan plan = delete(TestPools.verifyBeforeUpdate(), Map.of("email", "p@example.com"), "email");

        assertThat(plan.attributes()).doesNotContainKeys("email", "email_verified");
        assertThat(plan.pending()).isEmpty();
        assertThat(plan.aliasesToRemove()).containsExactly("email");
    }

    @Test
    void duplicateAndMalformedNamesAreRejected() {
        assertInvalid(() -> delete(TestPools.plain(), Map.of(), "name", "name"),
                "1 validation error detected: Value 'name' at 'userAttributeNames' failed to satisfy constraint: "
                        + "Member must not contain duplicate attribute names");
        assertInvalid(() -> delete(TestPools.plain(), Map.of(), "x".repeat(33)),
                "1 validation error detected: Value '" + "x".repeat(33) + "' at 'userAttributeNames.1.member' "
                        + "failed to satisfy constraint: Member must have length less than or equal to 32");
    }

    @Test
    void deleteUsesTheUpdateMessages() {
        assertInvalid(() -> delete(TestPools.plain(), Map.of(), "tier", "custom:nope"),
                "user.tier: Attribute does not exist in the schema.\n"
                        + "user.custom:nope: Attribute does not exist in the schema.");
        assertInvalid(() -> delete(TestPools.plain(), Map.of(), "sub"), "user.sub: Attribute cannot be updated.");
        assertInvalid(() -> delete(TestPools.plain(), Map.of(), "custom:badge"),
                "user.custom:badge: Attribute cannot be updated.");
        assertInvalid(() -> AttributePolicy.planDelete(TestPools.withRequired("name"), UpdateContext.ADMIN, null, USER,
                Map.of(), List.of("name", "nickname")), "user.name: Required attribute cannot be deleted.");
    }

    @Test
    void selfDeleteNeedsWritePermission() {
        ClientPermissions explicit = new ClientPermissions("c", Set.of(), Set.of("name"), true);
        ClientPermissions defaults = AttributePolicyTest.DEFAULT_CLIENT;

        assertForbidden(() -> AttributePolicy.planDelete(TestPools.plain(), UpdateContext.SELF, explicit, USER,
                Map.of(), List.of("custom:nope")));
        assertInvalid(() -> AttributePolicy.planDelete(TestPools.plain(), UpdateContext.SELF, defaults, USER,
                Map.of(), List.of("custom:nope")), "user.custom:nope: Attribute does not exist in the schema.");
        assertForbidden(() -> AttributePolicy.planDelete(TestPools.plain(), UpdateContext.SELF, defaults, USER,
                Map.of(), List.of("custom:tier")));
        assertForbidden(() -> AttributePolicy.planDelete(TestPools.plain(), UpdateContext.SELF, defaults, USER,
                Map.of(), List.of("email_verified")));
        assertThat(AttributePolicy.planDelete(TestPools.plain(), UpdateContext.SELF, explicit, USER, Map.of(),
                List.of("name")).attributes()).doesNotContainKey("name");
    }

    // --- checkCreate ---

    @Test
    void createAcceptsImmutableDeveloperAndFlaggedAttributes() {
        assertThatCode(() -> AttributePolicy.checkCreate(TestPools.withRequired("name"), request("custom:badge", "b",
                "dev:custom:legacy", "x", "email", "a@b.co", "email_verified", "true", "custom:since",
                "2024-05-01T10:15:30Z", "nickname", ""))).doesNotThrowAnyException();
    }

    @Test
    void createRejectsUnknownSubBadValuesAndLonelyFlags() {
        Pool pool = TestPools.plain();
        assertInvalid(() -> AttributePolicy.checkCreate(pool, request("tier", "x")),
                "user.tier: Attribute does not exist in the schema.");
        assertInvalid(() -> AttributePolicy.checkCreate(pool, request("sub", "x")),
                "user.sub: Attribute cannot be updated.");
        assertInvalid(() -> AttributePolicy.checkCreate(pool, request("email", "a b@c.de", "custom:level", "x")),
                "Invalid email address format.\nuser.custom:level: Attribute value must be a number");
        assertInvalid(() -> AttributePolicy.checkCreate(pool, request("email_verified", "true")),
                "Email is required to verify/un-verify an email");
        assertInvalid(() -> AttributePolicy.checkCreate(pool, request("phone_number_verified", "true", "email", "a@b.co")),
                "Phone Number is required to verify/un-verify a phone number");
        assertInvalid(() -> AttributePolicy.checkCreate(pool, request("", "x")),
                "1 validation error detected: Value '' at 'userAttributes.1.member.name' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
    }
}
