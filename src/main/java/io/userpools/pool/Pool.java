package io.userpools.pool;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A user pool as the domain sees it: immutable, cached, never crossing {@code rest/}. The schema
 * is indexed by name once, at construction, since every attribute write looks names up in it.
 */
public final class Pool {

    private final String id;
    private final String name;
    private final PoolSettings settings;
    private final List<AttributeDefinition> schema;
    private final Map<String, AttributeDefinition> attributes;
    private final Set<String> unkept;
    private final Instant createdAt;
    private final Instant lastModifiedAt;

    public Pool(String id, String name, PoolSettings settings, List<AttributeDefinition> schema, Instant createdAt,
            Instant lastModifiedAt) {
        this.id = id;
        this.name = name;
        this.settings = settings;
        this.schema = List.copyOf(schema);
        this.attributes = this.schema.stream()
                .collect(Collectors.toUnmodifiableMap(AttributeDefinition::name, Function.identity()));
        this.unkept = settings.history() == null ? Set.of() : Set.copyOf(settings.history().unkeptAttributes());
        this.createdAt = createdAt;
        this.lastModifiedAt = lastModifiedAt;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public PoolSettings settings() {
        return settings;
    }

    /** The attributes whose values the change history does not keep (none unless the pool says so). */
    public Set<String> unkeptAttributes() {
        return unkept;
    }

    public List<AttributeDefinition> schema() {
        return schema;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastModifiedAt() {
        return lastModifiedAt;
    }

    /** The schema indexed by full attribute name. */
    public Map<String, AttributeDefinition> attributes() {
        return attributes;
    }

    public Optional<AttributeDefinition> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
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
