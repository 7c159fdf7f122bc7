package io.userpools.attribute;

import static io.userpools.attribute.AttributePolicyTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.userpools.pool.Pool;
import io.userpools.pool.TestPools;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec 3.3: which sign-in identifiers a write adds, removes or moves. */
class AttributePolicyAliasTest {

    static final Map<String, String> VERIFIED = Map.of("sub", "s", "email", "old@example.com", "email_verified", "true");
    static final Map<String, String> UNVERIFIED = Map.of("sub", "s", "email", "old@example.com", "email_verified",
            "false");

    static UpdatePlan admin(Pool pool, Map<String, String> current, Map<String, String> request) {
        return AttributePolicy.planUpdate(pool, UpdateContext.ADMIN, null, current, Map.of(), request);
    }

    // --- UsernameAttributes: the active value is an identifier whatever its verification ---

    @Test
    void usernameAttributeChangeReleasesOldAndClaimsNew() {
        UpdatePlan plan = admin(TestPools.usernameAttributes(), UNVERIFIED, request("email", "new@example.com"));

        assertThat(plan.aliasesToRemove()).containsExactly("email");
        assertThat(plan.aliasesToAdd()).containsExactly(Map.entry("email", "new@example.com"));
        assertThat(plan.aliasesToMove()).isEmpty();
    }

    @Test
    void usernameAttributeFirstValueOnlyClaims() {
        UpdatePlan plan = admin(TestPools.usernameAttributes(), Map.of("sub", "s"),
                request("phone_number", "+4915100000000"));

        assertThat(plan.aliasesToRemove()).isEmpty();
        assertThat(plan.aliasesToAdd()).containsExactly(Map.entry("phone_number", "+4915100000000"));
    }

    @Test
    void usernameAttributeDeletionReleases() {
        UpdatePlan plan = AttributePolicy.planDelete(TestPools.usernameAttributes(), UpdateContext.ADMIN, null,
                VERIFIED, Map.of(), List.of("email"));

        assertThat(plan.aliasesToRemove()).containsExactly("email");
        assertThat(plan.aliasesToAdd()).isEmpty();
    }

    @Test
    void usernameAttributeFlagOrSameValueTouchesNoIdentifier() {
        UpdatePlan flag = admin(TestPools.usernameAttributes(), UNVERIFIED, request("email_verified", "true"));
        UpdatePlan same = admin(TestPools.usernameAttributes(), UNVERIFIED, request("email", "old@example.com"));

        for (UpdatePlan plan : List.of(flag, same)) {
            assertThat(plan.aliasesToAdd()).isEmpty();
            assertThat(plan.aliasesToRemove()).isEmpty();
            assertThat(plan.aliasesToMove()).isEmpty();
        }
    }

    // --- AliasAttributes: email/phone only while verified, preferred_username while present ---

    @Test
    void aliasChangeLeavingValueUnverifiedReleasesTheAlias() {
        UpdatePlan plan = admin(TestPools.aliasAttributes(), VERIFIED, request("email", "new@example.com"));

        assertThat(plan.aliasesToRemove()).containsExactly("email");
        assertThat(plan.aliasesToAdd()).isEmpty();
        assertThat(plan.aliasesToMove()).isEmpty();
    }

    @Test
    void aliasChangeOfUnverifiedValueTouchesNothing() {
        UpdatePlan plan = admin(TestPools.aliasAttributes(), UNVERIFIED, request("email", "new@example.com"));

        assertThat(plan.aliasesToRemove()).isEmpty();
        assertThat(plan.aliasesToAdd()).isEmpty();
        assertThat(plan.aliasesToMove()).isEmpty();
    }

    @Test
    void adminVerifiedNewValueMovesTheAlias() {
        UpdatePlan plan = admin(TestPools.aliasAttributes(), VERIFIED,
                request("email", "new@example.com", "email_verified", "true"));

        assertThat(plan.aliasesToRemove()).containsExactly("email");
        assertThat(plan.aliasesToMove()).containsExactly(Map.entry("email", "new@example.com"));
        assertThat(plan.aliasesToAdd()).isEmpty();
    }

    @Test
    void flagFlippedToTrueMovesAndToFalseRemoves() {
        UpdatePlan verify = admin(TestPools.aliasAttributes(), UNVERIFIED, request("email_verified", "true"));
        assertThat(verify.aliasesToMove()).containsExactly(Map.entry("email", "old@example.com"));
        assertThat(verify.aliasesToRemove()).isEmpty();

        UpdatePlan unverify = admin(TestPools.aliasAttributes(), VERIFIED, request("email_verified", "false"));
        assertThat(unverify.aliasesToRemove()).containsExactly("email");
        assertThat(unverify.aliasesToMove()).isEmpty();
    }

    @Test
    void flagAlreadyTrueMovesNothing() {
        UpdatePlan plan = admin(TestPools.aliasAttributes(), VERIFIED, request("email_verified", "true"));

        assertThat(plan.aliasesToMove()).isEmpty();
        assertThat(plan.changed()).isFalse();
    }

    @Test
    void verifiedAliasDeletionReleases() {
        UpdatePlan plan = admin(TestPools.aliasAttributes(), VERIFIED, request("email", ""));

        assertThat(plan.aliasesToRemove()).containsExactly("email");
    }

    @Test
    void pendingChangeKeepsTheAlias() {
        UpdatePlan plan = admin(TestPools.verifyBeforeUpdate(), VERIFIED, request("email", "new@example.com"));

        assertThat(plan.aliasesToRemove()).isEmpty();
        assertThat(plan.aliasesToAdd()).isEmpty();
        assertThat(plan.aliasesToMove()).isEmpty();
    }

    @Test
    void preferredUsernameIsAnAliasWhilePresent() {
        Map<String, String> user = Map.of("sub", "s", "preferred_username", "ann");

        UpdatePlan first = admin(TestPools.aliasAttributes(), Map.of("sub", "s"), request("preferred_username", "ann"));
        assertThat(first.aliasesToAdd()).containsExactly(Map.entry("preferred_username", "ann"));
        assertThat(first.aliasesToRemove()).isEmpty();

        UpdatePlan changed = AttributePolicy.planUpdate(TestPools.aliasAttributes(), UpdateContext.SELF,
                AttributePolicyTest.DEFAULT_CLIENT, user, Map.of(), request("preferred_username", "annie"));
        assertThat(changed.aliasesToRemove()).containsExactly("preferred_username");
        assertThat(changed.aliasesToAdd()).containsExactly(Map.entry("preferred_username", "annie"));
        assertThat(changed.aliasesToMove()).isEmpty();

        UpdatePlan deleted = admin(TestPools.aliasAttributes(), user, request("preferred_username", ""));
        assertThat(deleted.aliasesToRemove()).containsExactly("preferred_username");
        assertThat(deleted.aliasesToAdd()).isEmpty();
    }

    @Test
    void poolsWithoutAliasesReportNone() {
        UpdatePlan plan = admin(TestPools.plain(), VERIFIED,
                request("email", "new@example.com", "email_verified", "true", "preferred_username", "x"));

        assertThat(plan.aliasesToAdd()).isEmpty();
        assertThat(plan.aliasesToRemove()).isEmpty();
        assertThat(plan.aliasesToMove()).isEmpty();
    }

    @Test
    void aliasValuesAreRaw() {
        UpdatePlan plan = admin(TestPools.usernameAttributes(), UNVERIFIED, request("email", "New@Example.com"));

        assertThat(plan.aliasesToAdd()).containsEntry("email", "New@Example.com");
    }
}
