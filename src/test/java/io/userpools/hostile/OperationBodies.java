package io.userpools.hostile;

import io.userpools.support.Hostile;
import io.userpools.support.Hostile.Arr;
import io.userpools.support.Hostile.Json;
import io.userpools.support.Hostile.Obj;
import io.userpools.support.Hostile.Raw;
import io.userpools.support.Hostile.Str;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Request bodies for an operation, made from its schema in the served OpenAPI document: the
 * documented fields, each with a nearly valid or a hostile value or a value of the wrong type,
 * plus unknown and repeated fields; and now and then any JSON or no JSON at all. Nearly valid
 * values (the fixture's client id, the target user, real attribute names) take the request past
 * the first checks, into the validation of the other fields.
 */
final class OperationBodies {

    /** Attribute names the pools know (standard, custom, immutable, read-only) and some they do not. */
    static final List<String> ATTRIBUTE_NAMES = List.of("email", "name", "given_name", "family_name", "custom:tier",
            "phone_number", "birthdate", "updated_at", "email_verified", "phone_number_verified", "sub",
            "preferred_username", "locale", "zoneinfo", "website", "address", "custom:missing", "custom:", "dev:custom:tier");

    private final Map<String, Object> document;
    private final Map<String, List<String>> plausible;

    /** {@code plausible}: nearly valid values by field name (the fixture's ids among them). */
    OperationBodies(Map<String, Object> document, Map<String, List<String>> plausible) {
        this.document = document;
        this.plausible = plausible;
    }

    /** Bodies for a route with this request schema (null: a route that takes none, which gets one sometimes). */
    Arbitrary<Json> bodies(Map<String, Object> schema) {
        if (schema == null) {
            return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(null)), Tuple.of(1, Hostile.anyJson()),
                    Tuple.of(1, Hostile.notJson()));
        }
        return Arbitraries.frequencyOf(Tuple.of(8, value(schema, "", 0)), Tuple.of(1, Hostile.anyJson()),
                Tuple.of(1, Hostile.notJson()));
    }

    /** A body of the right shape with nearly valid values only (for tests that are hostile elsewhere). */
    Arbitrary<Json> plainBodies(Map<String, Object> schema) {
        return schema == null ? Arbitraries.just(null) : value(schema, "", -100);
    }

    /** The top-level fields of this request schema that take a string. */
    @SuppressWarnings("unchecked")
    List<String> stringFields(Map<String, Object> schema) {
        Map<String, Object> properties = (Map<String, Object>) resolve(schema).getOrDefault("properties", Map.of());
        return properties.entrySet().stream()
                .filter(p -> "string".equals(resolve((Map<String, Object>) p.getValue()).get("type")))
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** A depth below 0 makes values nearly valid only. */
    @SuppressWarnings("unchecked")
    private Arbitrary<Json> value(Map<String, Object> schema, String name, int depth) {
        Map<String, Object> resolved = resolve(schema);
        boolean hostile = depth >= 0;
        Arbitrary<Json> right = switch (String.valueOf(resolved.getOrDefault("type", "object"))) {
            case "string" -> string(resolved, name, hostile);
            case "boolean" -> Arbitraries.of("true", "false").map(Raw::new);
            case "integer", "number" -> hostile
                    ? Arbitraries.oneOf(Hostile.number(), Arbitraries.integers().between(-2, 400).map(i -> new Raw("" + i)))
                    : Arbitraries.integers().between(1, 100).map(i -> new Raw("" + i));
            case "array" -> value((Map<String, Object>) resolved.getOrDefault("items", Map.of("type", "string")), name, depth + 1)
                    .list().ofMaxSize(hostile ? 6 : 2).map(Arr::new);
            default -> object(resolved, depth);
        };
        if (!hostile || depth > 3) {
            return right;
        }
        return Arbitraries.frequencyOf(Tuple.of(6, right), Tuple.of(1, Hostile.anyJson()));
    }

    private Arbitrary<Json> string(Map<String, Object> schema, String name, boolean hostile) {
        List<String> known = new ArrayList<>(plausible.getOrDefault(name, List.of()));
        if (schema.get("enum") instanceof List<?> values) {
            values.forEach(v -> known.add(String.valueOf(v)));
        }
        if (known.isEmpty()) {
            known.add("value");
        }
        Arbitrary<String> nearly = Arbitraries.of(known);
        if (!hostile) {
            return nearly.map(Str::new);
        }
        return Arbitraries.frequencyOf(Tuple.of(3, nearly.map(Str::new)),
                Tuple.of(4, Hostile.string(Hostile.text())),
                Tuple.of(2, Hostile.string(Hostile.nearlyValid(known.toArray(String[]::new)))));
    }

    @SuppressWarnings("unchecked")
    private Arbitrary<Json> object(Map<String, Object> schema, int depth) {
        boolean hostile = depth >= 0;
        if (schema.get("additionalProperties") instanceof Map<?, ?> values) {
            // a map: attributes, client metadata, rate limits
            Arbitrary<String> names = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(ATTRIBUTE_NAMES)),
                    Tuple.of(1, Arbitraries.of("UserAuthentication", "UserRead", "UserUpdate", "ClientAuthentication")));
            Arbitrary<String> keys = hostile ? Arbitraries.frequencyOf(Tuple.of(3, names), Tuple.of(1, Hostile.text()))
                    : names;
            Arbitrary<Json> value = value((Map<String, Object>) values, "value", depth + 1);
            if (hostile) {
                value = Arbitraries.frequencyOf(Tuple.of(5, value), Tuple.of(1, Arbitraries.of("null", "\"\"").map(Raw::new)));
            }
            return hostile ? Hostile.members(keys, value).map(Obj::new)
                    : Combinators.combine(keys, value).as(Map::entry).list().ofMaxSize(3).uniqueElements(Map.Entry::getKey)
                            .map(list -> new Obj(new ArrayList<>(list)));
        }
        Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        List<String> required = (List<String>) schema.getOrDefault("required", List.of());
        List<Arbitrary<List<Map.Entry<String, Json>>>> parts = new ArrayList<>();
        properties.forEach((field, fieldSchema) -> {
            Arbitrary<Json> v = value((Map<String, Object>) fieldSchema, field, hostile ? depth + 1 : depth);
            Arbitrary<List<Map.Entry<String, Json>>> member = v.map(x -> List.of(Map.entry(field, x)));
            int absent = required.contains(field) ? (hostile ? 1 : 0) : 3;
            parts.add(absent == 0 ? member
                    : Arbitraries.frequencyOf(Tuple.of(6, member), Tuple.of(absent, Arbitraries.just(List.of()))));
        });
        if (hostile) {
            // unknown fields, and a documented one twice
            parts.add(Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(List.of())),
                    Tuple.of(1, Hostile.members(Hostile.text(), Hostile.anyJson())),
                    Tuple.of(1, Arbitraries.of(properties.keySet().isEmpty() ? List.of("x") : List.copyOf(properties.keySet()))
                            .flatMap(f -> Hostile.anyJson().map(x -> List.of(Map.entry(f, x), Map.entry(f, x)))))));
        }
        return Combinators.combine(parts).as(lists -> {
            List<Map.Entry<String, Json>> members = new ArrayList<>();
            lists.forEach(members::addAll);
            return new Obj(members);
        });
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(Map<String, Object> schema) {
        Map<String, Object> current = schema;
        while (current.get("$ref") instanceof String ref) {
            Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas");
            current = (Map<String, Object>) schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
        }
        if (current.get("allOf") instanceof List<?> all && !all.isEmpty()) {
            return resolve((Map<String, Object>) all.get(0));
        }
        return current;
    }
}
