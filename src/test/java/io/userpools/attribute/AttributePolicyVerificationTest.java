package io.userpools.attribute;

import static io.userpools.attribute.AttributePolicyTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.userpools.pool.Pool;
import io.userpools.pool.TestPools;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spec 3.1 and 3.2: what email/phone changes do to the active value, its flag, pending and codes. */
class AttributePolicyVerificationTest {

    static final Map<String, String> VERIFIED = Map.of("sub", "s", "email", "old@example.com", "email_verified", "true",
            "phone_number", "+4915100000000", "phone_number_verified", "true");
    static final Map<String, String> UNVERIFIED = Map.of("sub", "s", "email", "old@example.com", "email_verified",
            "false");
    static final ClientPermissions CLIENT = new ClientPermissions("c", Set.of(), Set.of("email", "phone_number", "name"),
            false);

    static UpdatePlan admin(Pool pool, Map<String, String> current, Map<String, String> pending,
            Map<String, String> request) {
        return AttributePolicy.planUpdate(pool, UpdateContext.ADMIN, null, current, pending, request);
    }

    static UpdatePlan self(Pool pool, Map<String, String> current, Map<String, String> pending,
            Map<String, String> request) {
        return AttributePolicy.planUpdate(pool, UpdateContext.SELF, CLIENT, current, pending, request);
    }

    // --- 3.1: no verification before update ---

    @Test
    void newValueAppliesAtOnceUnverifiedWithCodeWhenAutoVerified() {
        UpdatePlan plan = self(TestPools.aliasAttributes(), VERIFIED, Map.of(), request("email", "new@example.com"));

        assertThat(plan.attributes()).containsEntry("email", "new@example.com").containsEntry("email_verified", "false");
        assertThat(plan.codeTargets()).containsExactly(Map.entry("email", "new@example.com"));
        assertThat(plan.pending()).isEmpty();
        assertThat(plan.changed()).isTrue();
    }

    @Test
    void newValueWithoutAutoVerificationSendsNoCode() {
        UpdatePlan plan = admin(TestPools.plain(), VERIFIED, Map.of(), request("phone_number", "+4915199999999"));

        assertThat(plan.attributes()).containsEntry("phone_number", "+4915199999999")
                .containsEntry("phone_number_verified", "false");
        assertThat(plan.codeTargets()).isEmpty();
    }

    @Test
    void newValueWithFlagTrueIsVerifiedWithoutCode() {
        UpdatePlan plan = admin(TestPools.aliasAttributes(), VERIFIED, Map.of(),
                request("email", "new@example.com", "email_verified", "true"));

        assertThat(plan.attributes()).containsEntry("email", "new@example.com").containsEntry("email_verified", "true");
        assertThat(plan.codeTargets()).isEmpty();
    }

    @Test
    void newValueWithFlagFalseBehavesLikeNewValue() {
        UpdatePlan plan = admin(TestPools.aliasAttributes(), VERIFIED, Map.of(),
                request("email", "new@example.com", "email_verified", "false"));

        assertThat(plan.attributes()).containsEntry("email_verified", "false");
        assertThat(plan.codeTargets()).containsExactly(Map.entry("email", "new@example.com"));
    }

    @Test
    void flagOnlySetsTheFlagWithoutCode() {
        UpdatePlan verify = admin(TestPools.aliasAttributes(), UNVERIFIED, Map.of(), request("email_verified", "true"));
        assertThat(verify.attributes()).containsEntry("email", "old@example.com").containsEntry("email_verified", "true");
        assertThat(verify.codeTargets()).isEmpty();
        assertThat(verify.changed()).isTrue();

        UpdatePlan unverify = admin(TestPools.aliasAttributes(), VERIFIED, Map.of(), request("email_verified", "false"));
        assertThat(unverify.attributes()).containsEntry("email_verified", "false");
        assertThat(unverify.codeTargets()).isEmpty();
    }

    @Test
    void blankDeletesValueFlagAndPending() {
        UpdatePlan plan = admin(TestPools.verifyBeforeUpdate(), VERIFIED, Map.of("email", "p@example.com"),
                request("email", ""));

        assertThat(plan.attributes()).doesNotContainKeys("email", "email_verified").containsKey("phone_number");
        assertThat(plan.pending()).isEmpty();
        assertThat(plan.codeTargets()).isEmpty();
    }

    @Test
    void sameValueKeepsFlagAndSendsNoCode() {
        UpdatePlan plan = self(TestPools.aliasAttributes(), UNVERIFIED, Map.of(), request("email", "old@example.com"));

        assertThat(plan.attributes()).isEqualTo(UNVERIFIED);
        assertThat(plan.codeTargets()).isEmpty();
        assertThat(plan.changed()).isFalse();

        UpdatePlan withFlag = admin(TestPools.aliasAttributes(), UNVERIFIED, Map.of(),
                request("email", "old@example.com", "email_verified", "true"));
        assertThat(withFlag.attributes()).containsEntry("email_verified", "true");
        assertThat(withFlag.codeTargets()).isEmpty();
    }

    @Test
    void newValueDropsAnOlderPendingValue() {
        UpdatePlan plan = admin(TestPools.aliasAttributes(), UNVERIFIED, Map.of("email", "p@example.com"),
                request("email", "new@example.com"));

        assertThat(plan.pending()).isEmpty();
        assertThat(plan.attributes()).containsEntry("email", "new@example.com");
    }

    // --- 3.2: verification before update ---

    @Test
    void changeOfVerifiedValueIsHeldAsPendingWithCodeToPendingValue() {
        UpdatePlan plan = self(TestPools.verifyBeforeUpdate(), VERIFIED, Map.of(), request("email", "new@example.com"));

        assertThat(plan.attributes()).isEqualTo(VERIFIED);
        assertThat(plan.pending()).containsExactly(Map.entry("email", "new@example.com"));
        assertThat(plan.codeTargets()).containsExactly(Map.entry("email", "new@example.com"));
        assertThat(plan.aliasesToAdd()).isEmpty();
        assertThat(plan.aliasesToRemove()).isEmpty();
        assertThat(plan.aliasesToMove()).isEmpty();
        assertThat(plan.changed()).isTrue();
    }

    @Test
    void laterChangeReplacesPendingAndSendsANewCode() {
        UpdatePlan plan = self(TestPools.verifyBeforeUpdate(), VERIFIED, Map.of("email", "first@example.com"),
                request("email", "second@example.com"));

        assertThat(plan.pending()).containsExactly(Map.entry("email", "second@example.com"));
        assertThat(plan.codeTargets()).containsExactly(Map.entry("email", "second@example.com"));
    }

    @Test
    void adminChangeWithFlagFalseIsStillHeldAndFlagIgnored() {
        UpdatePlan plan = admin(TestPools.verifyBeforeUpdate(), VERIFIED, Map.of(),
                request("email", "new@example.com", "email_verified", "false"));

        assertThat(plan.attributes()).isEqualTo(VERIFIED);
        assertThat(plan.pending()).containsEntry("email", "new@example.com");
    }

    @Test
    void adminChangeWithFlagTrueAppliesVerifiedAndClearsPending() {
        UpdatePlan plan = admin(TestPools.verifyBeforeUpdate(), VERIFIED, Map.of("email", "p@example.com"),
                request("email", "new@example.com", "email_verified", "true"));

        assertThat(plan.attributes()).containsEntry("email", "new@example.com").containsEntry("email_verified", "true");
        assertThat(plan.pending()).isEmpty();
        assertThat(plan.codeTargets()).isEmpty();
    }

    @Test
    void unverifiedOrAbsentValueIsChangedAtOnce() {
        UpdatePlan unverified = self(TestPools.verifyBeforeUpdate(), UNVERIFIED, Map.of(),
                request("email", "new@example.com"));
        assertThat(unverified.attributes()).containsEntry("email", "new@example.com")
                .containsEntry("email_verified", "false");
        assertThat(unverified.pending()).isEmpty();
        assertThat(unverified.codeTargets()).containsExactly(Map.entry("email", "new@example.com"));

        UpdatePlan first = self(TestPools.verifyBeforeUpdate(), Map.of("sub", "s"), Map.of(),
                request("phone_number", "+4915100000000"));
        assertThat(first.attributes()).containsEntry("phone_number", "+4915100000000")
                .containsEntry("phone_number_verified", "false");
        assertThat(first.codeTargets()).containsExactly(Map.entry("phone_number", "+4915100000000"));
    }

    @Test
    void settingTheActiveValueAgainDropsThePendingOne() {
        UpdatePlan plan = self(TestPools.verifyBeforeUpdate(), VERIFIED, Map.of("email", "p@example.com"),
                request("email", "old@example.com"));

        assertThat(plan.pending()).isEmpty();
        assertThat(plan.attributes()).isEqualTo(VERIFIED);
        assertThat(plan.codeTargets()).isEmpty();
        assertThat(plan.changed()).isTrue();
    }

    @Test
    void bothAttributesAreHandledIndependently() {
        UpdatePlan plan = self(TestPools.verifyBeforeUpdate(), VERIFIED, Map.of(),
                request("phone_number", "+4915199999999", "email", "new@example.com", "name", "N"));

        assertThat(plan.pending()).containsExactly(Map.entry("email", "new@example.com"),
                Map.entry("phone_number", "+4915199999999"));
        assertThat(plan.codeTargets()).containsOnlyKeys("email", "phone_number");
        assertThat(plan.attributes()).containsEntry("name", "N").containsEntry("email", "old@example.com");
    }

    @Test
    void emailChangeHeldAsPendingStillSatisfiesTheFlagRule() {
        // the post-update user still has the active email, so an admin's flag=false is accepted (and ignored)
        UpdatePlan plan = admin(TestPools.verifyBeforeUpdate(), VERIFIED, Map.of(),
                request("email", "new@example.com", "email_verified", "false"));
        assertThat(plan.attributes()).containsEntry("email_verified", "true");
    }
}
