package io.userpools.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code created} history entry of an imported user, built in Java since the import got faster. */
class ImportedUsersTest {

    @Test
    void everyAttributeIsNewAndUnkeptOnesCarryNoValue() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("sub", "0b6c6b1e-0000-4000-8000-000000000001");
        attributes.put("email", "ann@example.com");
        attributes.put("custom:secret", "a \"quoted\" value");
        JsonObject changes = new JsonObject(ImportedUsers.created(attributes, Set.of("custom:secret")));
        assertThat(changes.getMap()).containsOnlyKeys("attributes", "status");
        JsonObject values = changes.getJsonObject("attributes");
        assertThat(values.getMap()).containsOnlyKeys("sub", "email", "custom:secret");
        assertThat(values.getJsonObject("email").getMap()).containsEntry("new", "ann@example.com")
                .containsKey("old").hasSize(2);
        assertThat(values.getJsonObject("email").getValue("old")).isNull();
        assertThat(values.getJsonObject("custom:secret").getMap()).isEqualTo(Map.of("kept", false));
        assertThat(changes.getJsonObject("status").getString("new")).isEqualTo("RESET_REQUIRED");
        assertThat(changes.getJsonObject("status").getMap()).containsKey("old");
    }
}
