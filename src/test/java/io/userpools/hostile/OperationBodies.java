package io.userpools.hostile;

import io.userpools.support.Gen;
import io.userpools.support.Hostile;
import io.userpools.support.Hostile.Arr;
import io.userpools.support.Hostile.Json;
import io.userpools.support.Hostile.Obj;
import io.userpools.support.Hostile.Raw;
import io.userpools.support.Hostile.Str;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    Gen<Json> bodies(Map<String, Object> schema) {
        if (schema == null) {
            return Gen.frequencyOf(Gen.weighted(3, Gen.just(null)), Gen.weighted(1, Hostile.anyJson()),
                    Gen.weighted(1, Hostile.notJson()));
        }
        return Gen.frequencyOf(Gen.weighted(8, value(schema, "", 0)), Gen.weighted(1, Hostile.anyJson()),
                Gen.weighted(1, Hostile.notJson()));
    }

    /** A body of the right shape with nearly valid values only (for tests that are hostile elsewhere). */
    Gen<Json> plainBodies(Map<String, Object> schema) {
        return schema == null ? Gen.just(null) : value(schema, "", -100);
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
    private Gen<Json> value(Map<String, Object> schema, String name, int depth) {
        Map<String, Object> resolved = resolve(schema);
        boolean hostile = depth >= 0;
        Gen<Json> right = switch (String.valueOf(resolved.getOrDefault("type", "object"))) {
            case "string" -> string(resolved, name, hostile);
            case "boolean" -> Gen.of("true", "false").map(Raw::new);
            case "integer", "number" -> hostile
                    ? Gen.oneOf(Hostile.number(), Gen.integers().between(-2, 400).map(i -> new Raw("" + i)))
                    : Gen.integers().between(1, 100).map(i -> new Raw("" + i));
            case "array" -> value((Map<String, Object>) resolved.getOrDefault("items", Map.of("type", "string")), name, depth + 1)
                    .list().ofMaxSize(hostile ? 6 : 2).map(Arr::new);
            default -> object(resolved, depth);
        };
        if (!hostile || depth > 3) {
            return right;
        }
        return Gen.frequencyOf(Gen.weighted(6, right), Gen.weighted(1, Hostile.anyJson()));
    }

    private Gen<Json> string(Map<String, Object> schema, String name, boolean hostile) {
        List<String> known = new ArrayList<>(plausible.getOrDefault(name, List.of()));
        if (schema.get("enum") instanceof List<?> values) {
            values.forEach(v -> known.add(String.valueOf(v)));
        }
        if (known.isEmpty()) {
            known.add("value");
        }
        Gen<String> nearly = Gen.of(known);
        if (!hostile) {
            return nearly.map(Str::new);
        }
        return Gen.frequencyOf(Gen.weighted(3, nearly.map(Str::new)),
                Gen.weighted(4, Hostile.string(Hostile.text())),
                Gen.weighted(2, Hostile.string(Hostile.nearlyValid(known.toArray(String[]::new)))));
    }

    @SuppressWarnings("unchecked")
    private Gen<Json> object(Map<String, Object> schema, int depth) {
        boolean hostile = depth >= 0;
        if (schema.get("additionalProperties") instanceof Map<?, ?> values) {
            // a map: attributes, client metadata, rate limits
            Gen<String> names = Gen.frequencyOf(Gen.weighted(4, Gen.of(ATTRIBUTE_NAMES)),
                    Gen.weighted(1, Gen.of("UserAuthentication", "UserRead", "UserUpdate", "ClientAuthentication")));
            Gen<String> keys = hostile ? Gen.frequencyOf(Gen.weighted(3, names), Gen.weighted(1, Hostile.text()))
                    : names;
            Gen<Json> value = value((Map<String, Object>) values, "value", depth + 1);
            if (hostile) {
                value = Gen.frequencyOf(Gen.weighted(5, value), Gen.weighted(1, Gen.of("null", "\"\"").map(Raw::new)));
            }
            return hostile ? Hostile.members(keys, value).map(Obj::new)
                    : Gen.combine(keys, value).as(Map::entry).list().ofMaxSize(3).uniqueElements(Map.Entry::getKey)
                            .map(list -> new Obj(new ArrayList<>(list)));
        }
        Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        List<String> required = (List<String>) schema.getOrDefault("required", List.of());
        List<Gen<List<Map.Entry<String, Json>>>> parts = new ArrayList<>();
        properties.forEach((field, fieldSchema) -> {
            Gen<Json> v = value((Map<String, Object>) fieldSchema, field, hostile ? depth + 1 : depth);
            Gen<List<Map.Entry<String, Json>>> member = v.map(x -> List.of(Map.entry(field, x)));
            int absent = required.contains(field) ? (hostile ? 1 : 0) : 3;
            parts.add(absent == 0 ? member
                    : Gen.frequencyOf(Gen.weighted(6, member), Gen.weighted(absent, Gen.just(List.of()))));
        });
        if (hostile) {
            // unknown fields, and a documented one twice
            parts.add(Gen.frequencyOf(Gen.weighted(8, Gen.just(List.of())),
                    Gen.weighted(1, Hostile.members(Hostile.text(), Hostile.anyJson())),
                    Gen.weighted(1, Gen.of(properties.keySet().isEmpty() ? List.of("x") : List.copyOf(properties.keySet()))
                            .flatMap(f -> Hostile.anyJson().map(x -> List.of(Map.entry(f, x), Map.entry(f, x)))))));
        }
        return Gen.combine(parts).as(lists -> {
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
