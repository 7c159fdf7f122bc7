package io.userpools.attribute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userpools.common.error.CognitoException;
import io.userpools.common.error.CognitoException.Violation;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.error.NotAuthorizedException;
import io.userpools.pool.Pool;
import io.userpools.pool.TestPools;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** The validation pipeline of spec 2.1 as AdminUpdateUserAttributes and UpdateUserAttributes run it. */
class AttributePolicyTest {

    static final Map<String, String> USER = Map.of("sub", "0000-1111", "name", "Ann", "email", "ann@example.com",
            "email_verified", "true");
    static final Set<String> DEFAULT_WRITES = Set.of("name", "given_name", "family_name", "email", "phone_number",
            "preferred_username", "birthdate", "updated_at");
    static final ClientPermissions DEFAULT_CLIENT = new ClientPermissions("client", Set.of(), DEFAULT_WRITES, false);
    static final ClientPermissions EXPLICIT_CLIENT = new ClientPermissions("client", Set.of(),
            Set.of("name", "custom:tier"), true);

    static Map<String, String> request(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static UpdatePlan admin(Pool pool, Map<String, String> current, Map<String, String> request) {
        return AttributePolicy.planUpdate(pool, UpdateContext.ADMIN, null, current, Map.of(), request);
    }

    static UpdatePlan self(ClientPermissions client, Map<String, String> current, Map<String, String> request) {
        return AttributePolicy.planUpdate(TestPools.plain(), UpdateContext.SELF, client, current, Map.of(), request);
    }

    static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(Runnable call, String message) {
        return assertThatThrownBy(call::run).isInstanceOf(InvalidParameterException.class).hasMessage(message);
    }

    static void assertForbidden(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(NotAuthorizedException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("A client attempted to write unauthorized attribute");
            assertThat(e.status()).isEqualTo(403);
        });
    }

    static List<Violation> violations(Runnable call) {
        try {
            call.run();
        } catch (CognitoException e) {
            return e.violations();
        }
        throw new AssertionError("no exception");
    }

    @Test
    void adminSetsAndDeletesPlainAttributes() {
        UpdatePlan plan = admin(TestPools.plain(), USER, request("name", "Bea", "given_name", "B", "custom:vip", "true"));

        assertThat(plan.attributes()).containsEntry("name", "Bea").containsEntry("given_name", "B")
                .containsEntry("custom:vip", "true").containsEntry("email_verified", "true");
        assertThat(plan.changed()).isTrue();
        assertThat(plan.codeTargets()).isEmpty();
        assertThat(plan.pending()).isEmpty();

        UpdatePlan deleted = admin(TestPools.plain(), USER, request("name", ""));
        assertThat(deleted.attributes()).doesNotContainKey("name").containsKey("email");
        Map<String, String> withNull = new HashMap<>();
        withNull.put("name", null);
        assertThat(admin(TestPools.plain(), USER, withNull).attributes()).doesNotContainKey("name");
    }

    @Test
    void writingTheSameValuesChangesNothing() {
        UpdatePlan plan = admin(TestPools.plain(), USER, request("name", "Ann", "email", "ann@example.com"));

        assertThat(plan.changed()).isFalse();
        assertThat(plan.attributes()).isEqualTo(USER);
        assertThat(admin(TestPools.plain(), USER, Map.of()).changed()).isFalse();
        assertThat(admin(TestPools.plain(), USER, request("nickname", "")).changed()).isFalse();
    }

    @Test
    void attributeNamesMustBe1To32Characters() {
        String longName = "custom:" + "x".repeat(26);
        assertInvalid(() -> admin(TestPools.plain(), USER, request("", "a", longName, "b")),
                "2 validation errors detected: Value '' at 'userAttributes.1.member.name' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1; Value '" + longName
                        + "' at 'userAttributes.2.member.name' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 32");
        // 32 characters is fine as far as shape goes (then unknown in the schema).
        assertInvalid(() -> admin(TestPools.plain(), USER, request("custom:" + "x".repeat(25), "a")),
                "user.custom:" + "x".repeat(25) + ": Attribute does not exist in the schema.");
    }

    @Test
    void unknownAttributesAreCollectedOneLineEach() {
        Runnable call = () -> admin(TestPools.plain(), USER, request("tier", "a", "name", "x", "custom:nope", "b"));

        assertInvalid(call, "user.tier: Attribute does not exist in the schema.\n"
                + "user.custom:nope: Attribute does not exist in the schema.");
        assertThat(violations(call)).extracting(Violation::field).containsExactly("tier", "custom:nope");
    }

    @Test
    void customPrefixIsMandatoryAndDevAttributesUseTheirFullName() {
        assertInvalid(() -> admin(TestPools.plain(), USER, request("tier", "gold")),
                "user.tier: Attribute does not exist in the schema.");
        assertInvalid(() -> admin(TestPools.plain(), USER, request("custom:legacy", "x")),
                "user.custom:legacy: Attribute does not exist in the schema.");
        assertThat(admin(TestPools.plain(), USER, request("dev:custom:legacy", "x")).attributes())
                .containsEntry("dev:custom:legacy", "x");
    }

    @Test
    void explicitWriteListSpeaksBeforeTheSchema() {
        assertForbidden(() -> self(EXPLICIT_CLIENT, USER, request("custom:nope", "a")));
        assertForbidden(() -> self(EXPLICIT_CLIENT, USER, request("name", "a", "given_name", "b")));
        assertThat(self(EXPLICIT_CLIENT, USER, request("name", "Bea", "custom:tier", "gold")).attributes())
                .containsEntry("name", "Bea").containsEntry("custom:tier", "gold");
    }

    @Test
    void defaultWriteListLetsTheSchemaSpeakFirst() {
        assertInvalid(() -> self(DEFAULT_CLIENT, USER, request("custom:tier", "gold", "custom:nope", "a")),
                "user.custom:nope: Attribute does not exist in the schema.");
        // Custom attributes are not in a default list: known but not writable.
        assertForbidden(() -> self(DEFAULT_CLIENT, USER, request("custom:tier", "gold")));
    }

    @Test
    void selfNeverWritesSubFlagsOrDeveloperAttributes() {
        ClientPermissions generous = new ClientPermissions("c", Set.of(),
                Set.of("sub", "email_verified", "phone_number_verified", "dev:custom:legacy", "email"), false);
        for (ClientPermissions client : List.of(generous, DEFAULT_CLIENT, EXPLICIT_CLIENT)) {
            assertForbidden(() -> self(client, USER, request("sub", "x")));
            assertForbidden(() -> self(client, USER, request("email_verified", "true")));
            assertForbidden(() -> self(client, USER, request("phone_number_verified", "false")));
            assertForbidden(() -> self(client, USER, request("dev:custom:legacy", "x")));
        }
        assertForbidden(() -> self(generous, USER, request("email", "new@example.com", "email_verified", "true")));
    }

    @Test
    void adminIsNotBoundByAnyClient() {
        UpdatePlan plan = AttributePolicy.planUpdate(TestPools.plain(), UpdateContext.ADMIN, EXPLICIT_CLIENT, USER,
                Map.of(), request("given_name", "B", "dev:custom:legacy", "x"));

        assertThat(plan.attributes()).containsEntry("given_name", "B").containsEntry("dev:custom:legacy", "x");
    }

    @Test
    void subAndImmutableAttributesCannotBeUpdated() {
        Runnable call = () -> admin(TestPools.plain(), USER, request("sub", "other", "custom:badge", "gold"));

        assertInvalid(call, "user.sub: Attribute cannot be updated.\nuser.custom:badge: Attribute cannot be updated.");
        assertThat(violations(call)).extracting(Violation::field).containsExactly("sub", "custom:badge");
        // even with no value yet, and even when blank
        assertInvalid(() -> admin(TestPools.plain(), Map.of("sub", "s"), request("custom:badge", "")),
                "user.custom:badge: Attribute cannot be updated.");
        // for SELF the write-permission step already refuses sub
        assertForbidden(() -> self(DEFAULT_CLIENT, USER, request("sub", "x")));
    }

    @Test
    void valuesAreCheckedAndCollected() {
        Runnable call = () -> admin(TestPools.plain(), USER, request("custom:tier", "g", "email", "not-an-email",
                "phone_number", "0044123", "custom:level", "11", "custom:vip", "yes", "birthdate", "1990-1-1"));

        assertInvalid(call, String.join("\n",
                "user.custom:tier: String must be no shorter than 2 characters",
                "Invalid email address format.",
                "Invalid phone number format.",
                "user.custom:level: Number must be no greater than 10",
                "user.custom:vip: Attribute value must be true or false",
                "user.birthdate: String must be no shorter than 10 characters"));
        assertThat(violations(call)).extracting(Violation::field).containsExactly("custom:tier", "email",
                "phone_number", "custom:level", "custom:vip", "birthdate");
    }

    @Test
    void schemaErrorsWinOverValueErrors() {
        assertInvalid(() -> admin(TestPools.plain(), USER, request("email", "bad", "custom:nope", "x")),
                "user.custom:nope: Attribute does not exist in the schema.");
        assertInvalid(() -> admin(TestPools.plain(), USER, request("email", "bad", "sub", "x")),
                "user.sub: Attribute cannot be updated.");
    }

    @Test
    void requiredAttributesCannotBeDeleted() {
        Pool pool = TestPools.withRequired("name", "family_name");
        Map<String, String> user = Map.of("sub", "s", "name", "Ann", "family_name", "Lee");

        Runnable call = () -> admin(pool, user, request("name", "", "family_name", "", "nickname", ""));
        assertInvalid(call, "user.name: Required attribute cannot be deleted.\n"
                + "user.family_name: Required attribute cannot be deleted.");
        assertThat(violations(call)).extracting(Violation::field).containsExactly("name", "family_name");
        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("name", null);
        assertInvalid(() -> admin(pool, user, nullValue), "user.name: Required attribute cannot be deleted.");
        assertThat(admin(pool, user, request("name", "Bea")).attributes()).containsEntry("name", "Bea");
    }

    @Test
    void flagNeedsAValueAfterTheUpdate() {
        Map<String, String> noContact = Map.of("sub", "s");

        assertInvalid(() -> admin(TestPools.plain(), noContact, request("email_verified", "true")),
                "Email is required to verify/un-verify an email");
        assertInvalid(() -> admin(TestPools.plain(), noContact, request("phone_number_verified", "false")),
                "Phone Number is required to verify/un-verify a phone number");
        assertInvalid(() -> admin(TestPools.plain(), USER, request("email", "", "email_verified", "true",
                "phone_number_verified", "true")), "Email is required to verify/un-verify an email\n"
                        + "Phone Number is required to verify/un-verify a phone number");
        // judged against the user after the update: a value in the same request or already stored is enough
        assertThat(admin(TestPools.plain(), noContact, request("email_verified", "true", "email", "a@b.co"))
                .attributes()).containsEntry("email", "a@b.co").containsEntry("email_verified", "true");
        assertThat(admin(TestPools.plain(), USER, request("email_verified", "false")).attributes())
                .containsEntry("email_verified", "false");
    }

    @Test
    void inputsAreNeverModified() {
        Map<String, String> current = new LinkedHashMap<>(Map.of("sub", "s", "email", "a@b.co", "email_verified", "true",
                "name", "Ann"));
        Map<String, String> pending = new LinkedHashMap<>(Map.of("email", "old-pending@b.co"));
        Map<String, String> requested = request("email", "c@d.co", "name", "", "given_name", "G");
        Map<String, String> currentCopy = Map.copyOf(current);
        Map<String, String> pendingCopy = Map.copyOf(pending);
        Map<String, String> requestedCopy = new LinkedHashMap<>(requested);

        UpdatePlan plan = AttributePolicy.planUpdate(TestPools.verifyBeforeUpdate(), UpdateContext.ADMIN, null, current,
                pending, requested);

        assertThat(current).isEqualTo(currentCopy);
        assertThat(pending).isEqualTo(pendingCopy);
        assertThat(requested).isEqualTo(requestedCopy);
        assertThat(plan.pending()).containsEntry("email", "c@d.co");
        assertThatThrownBy(() -> plan.attributes().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void resultKeepsCurrentOrderThenRequestOrder() {
        Map<String, String> current = request("sub", "s", "name", "Ann");

        UpdatePlan plan = admin(TestPools.plain(), current, request("zoneinfo", "Z", "address", "A", "name", "B"));

        assertThat(plan.attributes().keySet()).containsExactly("sub", "name", "zoneinfo", "address");
    }

    @Test
    void selfNeedsClientPermissions() {
        assertThatThrownBy(() -> self(null, USER, request("name", "x"))).isInstanceOf(NullPointerException.class);
    }
}
