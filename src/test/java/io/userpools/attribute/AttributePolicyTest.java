package io.userpools.attribute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userpools.common.error.InvalidParameterException;
import io.userpools.pool.Pool;
import io.userpools.pool.TestPools;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributePolicyTest {

    static final Map<String, String> USER = Map.of("sub", "0000-1111", "name", "Ann", "email", "ann@example.com",
            "email_verified", "true");

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

    @Test
    void adminSetsAPlainAttribute() {
        UpdatePlan plan = admin(TestPools.plain(), USER, request("name", "Bea"));

        assertThat(plan.attributes()).containsEntry("name", "Bea").containsEntry("email_verified", "true");
        assertThat(plan.changed()).isTrue();
        assertThat(plan.codeTargets()).isEmpty();
    }

    @Test
    void unknownAttributesAreCollected() {
        assertThatThrownBy(() -> admin(TestPools.plain(), USER, request("tier", "a", "custom:nope", "b")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("user.tier: Attribute does not exist in the schema.\n"
                        + "user.custom:nope: Attribute does not exist in the schema.")
                .extracting(e -> ((InvalidParameterException) e).violations()).asList().hasSize(2);
    }

    @Test
    void emptyDeleteIsANoOp() {
        UpdatePlan plan = AttributePolicy.planDelete(TestPools.plain(), UpdateContext.ADMIN, null, USER, Map.of(),
                List.of());
        assertThat(plan.changed()).isFalse();
        assertThat(plan.attributes()).isEqualTo(USER);
    }
}
