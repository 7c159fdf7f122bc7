package io.userpools.pool;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A user pool as the domain sees it: immutable, cached, never crossing {@code rest/}. */
public record Pool(String id, String name, PoolSettings settings, List<AttributeDefinition> schema,
        Instant createdAt, Instant lastModifiedAt) {

    public Pool {
        schema = List.copyOf(schema);
    }

    /** The schema indexed by full attribute name. */
    public Map<String, AttributeDefinition> attributes() {
        return schema.stream().collect(Collectors.toUnmodifiableMap(AttributeDefinition::name, Function.identity()));
    }

    public Optional<AttributeDefinition> attribute(String name) {
        return schema.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** True when the pool signs users in by email or phone instead of a chosen username. */
    public boolean hasUsernameAttributes() {
        return !settings.usernameAttributes().isEmpty();
    }

    public boolean isUsernameAttribute(String attribute) {
        return settings.usernameAttributes().contains(attribute);
    }

    public boolean isAliasAttribute(String attribute) {
        return settings.aliasAttributes().contains(attribute);
    }

    public boolean isAutoVerified(String attribute) {
        return settings.autoVerifiedAttributes().contains(attribute);
    }

    public boolean requiresVerificationBeforeUpdate(String attribute) {
        return settings.attributesRequireVerificationBeforeUpdate().contains(attribute);
    }

    /**
     * The key under which a username or alias value is unique: as given in case-sensitive pools,
     * lower-cased otherwise. Phone numbers have no case.
     */
    public String key(String value) {
        return settings.usernameCaseSensitive() ? value : value.toLowerCase(Locale.ROOT);
    }
}
