package io.userpools.history;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code changes} document of a history entry (V10): each member present only when it changed;
 * an attribute (or pending value) whose values the pool does not keep is recorded as
 * {@code {"kept": false}}. Never holds password material: a password change is one word.
 */
public final class Changes {

    /** What a password write was: a new permanent password, a temporary one, or a reset. */
    public enum Password {
        SET("set"), TEMPORARY("temporary"), RESET("reset");

        private final String word;

        Password(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    private static final JsonObject NOT_KEPT = new JsonObject().put("kept", false);

    private final JsonObject json = new JsonObject();
    private final Set<String> unkept;

    private Changes(Set<String> unkept) {
        this.unkept = unkept;
    }

    /** An empty document for a pool that keeps no values of {@code unkept}. */
    public static Changes of(Set<String> unkept) {
        return new Changes(unkept);
    }

    /** Each active attribute whose value differs. */
    public Changes attributes(Map<String, String> before, Map<String, String> after) {
        return values("attributes", before, after);
    }

    /** Each value held for verification that differs. */
    public Changes pending(Map<String, String> before, Map<String, String> after) {
        return values("pending", before, after);
    }

    public Changes status(String before, String after) {
        if (!Objects.equals(before, after)) {
            json.put("status", new JsonObject().put("old", before).put("new", after));
        }
        return this;
    }

    public Changes enabled(boolean before, boolean after) {
        if (before != after) {
            json.put("enabled", new JsonObject().put("old", before).put("new", after));
        }
        return this;
    }

    public Changes password(Password password) {
        json.put("password", password.word());
        return this;
    }

    public boolean isEmpty() {
        return json.isEmpty();
    }

    public JsonObject json() {
        return json;
    }

    /** The value recorded for one attribute that changed from {@code before} to {@code after}. */
    public static JsonObject value(Set<String> unkept, String name, String before, String after) {
        return unkept.contains(name) ? NOT_KEPT.copy() : new JsonObject().put("old", before).put("new", after);
    }

    private Changes values(String member, Map<String, String> before, Map<String, String> after) {
        Set<String> names = new LinkedHashSet<>(before.keySet());
        names.addAll(after.keySet());
        JsonObject changed = new JsonObject();
        for (String name : names) {
            String old = before.get(name);
            String now = after.get(name);
            if (!Objects.equals(old, now)) {
                changed.put(name, value(unkept, name, old, now));
            }
        }
        if (!changed.isEmpty()) {
            json.put(member, changed);
        }
        return this;
    }
}
