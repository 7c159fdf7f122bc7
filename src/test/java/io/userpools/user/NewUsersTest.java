package io.userpools.user;

import static io.userpools.support.AllStrings.disagreements;
import static io.userpools.support.AllStrings.upTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userpools.common.error.InvalidParameterException;
import io.userpools.pool.TestPools;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NewUsersTest {

    private static final UUID SUB = UUID.fromString("0b7f2c1e-1111-4222-8333-444455556666");

    @Test
    void usernameAttributePoolsStoreTheEmailAndUseTheSubAsUsername() {
        NewUsers.Draft draft = NewUsers.draft(TestPools.usernameAttributes(), request("a@example.com", Map.of()), SUB);
        assertThat(draft.username()).isEqualTo(SUB.toString());
        assertThat(draft.attributes()).containsEntry("email", "a@example.com").containsEntry("sub", SUB.toString());
    }

    @Test
    void blankValuesAreDroppedAndSubIsAdded() {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("email", "");
        attributes.put("name", null);
        attributes.put("nickname", "nick");
        NewUsers.Draft draft = NewUsers.draft(TestPools.plain(), request("u", attributes), SUB);
        assertThat(draft.attributes()).containsOnlyKeys("nickname", "sub");
        assertThat(draft.username()).isEqualTo("u");
    }

    @Test
    void aliasPoolsRefuseAnEmailShapedUsername() {
        assertThatThrownBy(() -> NewUsers.draft(TestPools.aliasAttributes(), request("a@b", Map.of()), SUB))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Username cannot be of email format");
    }

    @Test
    void theUsernameAttributeMustAgreeWithTheUsername() {
        assertThatThrownBy(() -> NewUsers.draft(TestPools.usernameAttributes(),
                request("a@example.com", Map.of("email", "b@example.com")), SUB))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void withoutATemporaryPasswordOneIsGeneratedThatMeetsThePolicy() {
        String password = NewUsers.draft(TestPools.plain(), request("nopass", Map.of()), SUB).password();
        assertThat(password).hasSize(8);
        PasswordPolicyCheck.check(TestPools.plain().settings().passwordPolicy(), password);
        assertThat(NewUsers.draft(TestPools.plain(), request("nopass", Map.of()), SUB).password())
                .isNotEqualTo(password);
    }

    private static CreateUserCommand request(String username, Map<String, String> attributes) {
        return new CreateUserCommand(username, attributes, null, null, null, null, null);
    }

    /** The possessive email look-alike pattern matches exactly what the former greedy one did. */
    @Test
    void theEmailLookAlikePatternIsUnchanged() {
        Pattern old = Pattern.compile("[^@\\s]+@[^@\\s]+");
        assertThat(disagreements(upTo("a@ .\t\u2028", 6), v -> NewUsers.LOOKS_LIKE_EMAIL.matcher(v).matches(),
                v -> old.matcher(v).matches())).isEmpty();
    }
}
