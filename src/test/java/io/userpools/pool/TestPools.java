package io.userpools.pool;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds pools for unit tests: the standard schema plus a few custom attributes. */
public final class TestPools {

    /** Custom attributes every test pool has. */
    public static final List<AttributeDefinition> CUSTOM = List.of(
            new AttributeDefinition("custom:tier", AttributeType.String, true, false, false, 2, 8, null, null),
            new AttributeDefinition("custom:level", AttributeType.Number, true, false, false, null, null, 1L, 10L),
            new AttributeDefinition("custom:vip", AttributeType.Boolean, true, false, false, null, null, null, null),
            new AttributeDefinition("custom:since", AttributeType.DateTime, true, false, false, null, null, null, null),
            new AttributeDefinition("custom:badge", AttributeType.String, false, false, false, null, null, null, null),
            new AttributeDefinition("dev:custom:legacy", AttributeType.String, true, false, true, null, null, null, null));

    private TestPools() {
    }

    /** A pool where users pick a username; no aliases, no auto verification. */
    public static Pool plain() {
        return pool(List.of(), List.of(), List.of(), List.of());
    }

    /** A pool that auto-verifies email and phone_number and signs in by them (UsernameAttributes). */
    public static Pool usernameAttributes() {
        return pool(List.of("email", "phone_number"), List.of(), List.of("email", "phone_number"), List.of());
    }

    /** A pool with email, phone_number and preferred_username as aliases, auto-verifying both. */
    public static Pool aliasAttributes() {
        return pool(List.of(), List.of("email", "phone_number", "preferred_username"), List.of("email", "phone_number"),
                List.of());
    }

    /** Like {@link #aliasAttributes()} but email and phone changes wait for verification (spec 3.2). */
    public static Pool verifyBeforeUpdate() {
        return pool(List.of(), List.of("email", "phone_number", "preferred_username"), List.of("email", "phone_number"),
                List.of("email", "phone_number"));
    }

    /** A plain pool where the given standard attributes are required. */
    public static Pool withRequired(String... names) {
        List<String> required = List.of(names);
        List<AttributeDefinition> schema = new ArrayList<>();
        for (AttributeDefinition a : StandardAttributes.DEFAULTS) {
            schema.add(required.contains(a.name()) ? a.withFlags(a.mutable(), true) : a);
        }
        schema.addAll(CUSTOM);
        return new Pool("eu-west-1_test", "test", settings(List.of(), List.of(), List.of(), List.of()), schema,
                Instant.EPOCH, Instant.EPOCH);
    }

    public static Pool pool(List<String> usernameAttributes, List<String> aliasAttributes, List<String> autoVerified,
            List<String> requireVerificationBeforeUpdate) {
        List<AttributeDefinition> schema = new ArrayList<>(StandardAttributes.DEFAULTS);
        schema.addAll(CUSTOM);
        return new Pool("eu-west-1_test", "test",
                settings(usernameAttributes, aliasAttributes, autoVerified, requireVerificationBeforeUpdate), schema,
                Instant.EPOCH, Instant.EPOCH);
    }

    private static PoolSettings settings(List<String> usernameAttributes, List<String> aliasAttributes,
            List<String> autoVerified, List<String> requireVerificationBeforeUpdate) {
        return new PoolSettings(usernameAttributes, aliasAttributes, autoVerified, requireVerificationBeforeUpdate,
                false, null, null, PoolSettings.PasswordPolicy.DEFAULT, PoolSettings.TokenValidity.DEFAULT);
    }
}
