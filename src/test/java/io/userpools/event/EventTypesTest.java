package io.userpools.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EventTypesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode changes(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void createdAndDeletedAreTheirOwnTypeOnly() throws Exception {
        assertThat(EventTypes.of("created", changes("{\"attributes\": {\"email\": {\"old\": null, \"new\": \"a@x.io\"}}}")))
                .containsExactly(EventTypes.CREATED);
        assertThat(EventTypes.of("deleted", changes("{}"))).containsExactly(EventTypes.DELETED);
    }

    @Test
    void anAttributeChangeIsAttributesChanged() throws Exception {
        assertThat(EventTypes.of("updated", changes("{\"attributes\": {\"name\": {\"old\": \"A\", \"new\": \"B\"}}}")))
                .containsExactly(EventTypes.ATTRIBUTES_CHANGED);
        // an attribute whose values the pool does not keep still changed
        assertThat(EventTypes.of("updated", changes("{\"attributes\": {\"custom:ssn\": {\"kept\": false}}}")))
                .containsExactly(EventTypes.ATTRIBUTES_CHANGED);
    }

    @Test
    void aVerifiedFlagTurningTrueIsAlsoAttributeVerified() throws Exception {
        assertThat(EventTypes.of("updated",
                changes("{\"attributes\": {\"email_verified\": {\"old\": \"false\", \"new\": \"true\"}}}")))
                .containsExactly(EventTypes.ATTRIBUTES_CHANGED, EventTypes.ATTRIBUTE_VERIFIED);
        assertThat(EventTypes.of("updated",
                changes("{\"attributes\": {\"phone_number_verified\": {\"old\": null, \"new\": \"true\"}}}")))
                .containsExactly(EventTypes.ATTRIBUTES_CHANGED, EventTypes.ATTRIBUTE_VERIFIED);
        // turning false, or staying true, is no verification
        assertThat(EventTypes.of("updated",
                changes("{\"attributes\": {\"email_verified\": {\"old\": \"true\", \"new\": \"false\"}}}")))
                .containsExactly(EventTypes.ATTRIBUTES_CHANGED);
        assertThat(EventTypes.of("updated",
                changes("{\"attributes\": {\"email\": {\"old\": \"a\", \"new\": \"true\"}}}")))
                .containsExactly(EventTypes.ATTRIBUTES_CHANGED);
    }

    @Test
    void enabledFlipsAreDisabledAndEnabled() throws Exception {
        assertThat(EventTypes.of("updated", changes("{\"enabled\": {\"old\": true, \"new\": false}}")))
                .containsExactly(EventTypes.DISABLED);
        assertThat(EventTypes.of("updated", changes("{\"enabled\": {\"old\": false, \"new\": true}}")))
                .containsExactly(EventTypes.ENABLED);
    }

    @Test
    void pendingValuesPasswordsAndStatusAloneHaveNoType() throws Exception {
        assertThat(EventTypes.of("updated", changes("{\"pending\": {\"email\": {\"old\": null, \"new\": \"b@x.io\"}}}")))
                .isEmpty();
        assertThat(EventTypes.of("updated", changes("{\"password\": \"set\", "
                + "\"status\": {\"old\": \"FORCE_CHANGE_PASSWORD\", \"new\": \"CONFIRMED\"}}"))).isEmpty();
        assertThat(EventTypes.of("updated", changes("{}"))).isEmpty();
        assertThat(EventTypes.of("updated", null)).isEmpty();
    }
}
