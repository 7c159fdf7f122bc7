package io.userpools.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The event types of one history entry (V10 {@code user_history}), derived from its kind and
 * changes. Pure. One entry is one event that carries every type it matches, in this order:
 * <ul>
 * <li>{@code user.created} for kind {@code created}; {@code user.deleted} for kind
 * {@code deleted} (nothing else for those two);</li>
 * <li>{@code user.attributes.changed} when an active attribute changed (a {@code *_verified}
 * flip included);</li>
 * <li>{@code user.attribute.verified} when a {@code *_verified} attribute became {@code "true"};</li>
 * <li>{@code user.disabled} / {@code user.enabled} when {@code enabled} flipped.</li>
 * </ul>
 * An entry that changed none of these (a pending value, a password, a status alone) has no type:
 * it is in the feed with {@code types: []} and no subscription receives it.
 */
public final class EventTypes {

    public static final String CREATED = "user.created";
    public static final String ATTRIBUTES_CHANGED = "user.attributes.changed";
    public static final String ATTRIBUTE_VERIFIED = "user.attribute.verified";
    public static final String DISABLED = "user.disabled";
    public static final String ENABLED = "user.enabled";
    public static final String DELETED = "user.deleted";
    /** Every type, in the order an event lists them. */
    public static final List<String> ALL = List.of(CREATED, ATTRIBUTES_CHANGED, ATTRIBUTE_VERIFIED, DISABLED,
            ENABLED, DELETED);
    public static final Set<String> NAMES = Set.copyOf(ALL);

    private EventTypes() {
    }

    /** The types of an entry of {@code kind} with {@code changes} (V10's shape; null means none). */
    public static List<String> of(String kind, JsonNode changes) {
        if ("created".equals(kind)) {
            return List.of(CREATED);
        }
        if ("deleted".equals(kind)) {
            return List.of(DELETED);
        }
        List<String> types = new ArrayList<>(2);
        JsonNode attributes = changes == null ? null : changes.get("attributes");
        if (attributes != null && attributes.isObject() && !attributes.isEmpty()) {
            types.add(ATTRIBUTES_CHANGED);
            if (verified(attributes)) {
                types.add(ATTRIBUTE_VERIFIED);
            }
        }
        JsonNode enabled = changes == null ? null : changes.get("enabled");
        if (enabled != null && enabled.has("new") && enabled.get("new").isBoolean()) {
            types.add(enabled.get("new").booleanValue() ? ENABLED : DISABLED);
        }
        return List.copyOf(types);
    }

    /** True when a {@code *_verified} attribute went to "true" from anything else. */
    private static boolean verified(JsonNode attributes) {
        for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode change = field.getValue();
            if (field.getKey().endsWith("_verified") && change.isObject()
                    && "true".equals(text(change.get("new"))) && !"true".equals(text(change.get("old")))) {
                return true;
            }
        }
        return false;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
