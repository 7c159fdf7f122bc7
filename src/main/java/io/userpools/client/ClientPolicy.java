package io.userpools.client;

import io.userpools.common.error.InvalidParameterException;
import io.userpools.pool.AttributeDefinition;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolSettings;
import io.userpools.pool.StandardAttributes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The pure rules of CreateUserPoolClient (behaviour spec 2.11): read and write lists with
 * Cognito's defaults, auth flows, token validities.
 *
 * <ul>
 * <li>Omitted read list: every standard attribute (with {@code sub} and both flags); custom
 * attributes are not included. [D] {@code sub} is always readable.</li>
 * <li>Omitted write list: every standard attribute except {@code sub} and the flags. The pool's
 * required attributes are always writable.</li>
 * <li>[D] {@code sub}, {@code *_verified} and developer-only attributes are never writable.</li>
 * </ul>
 */
public final class ClientPolicy {

    public static final String INVALID_READ = "Invalid read attributes specified while creating a client";
    public static final String INVALID_WRITE = "Invalid write attributes specified while creating a client";
    public static final String INVALID_VALIDITY = "Invalid range for token validity.";

    public static final List<String> AUTH_FLOWS = List.of("ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH",
            "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_AUTH");
    public static final List<String> DEFAULT_AUTH_FLOWS = List.of("ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH",
            "ALLOW_CUSTOM_AUTH");

    private static final Map<String, Long> UNIT_SECONDS = Map.of("seconds", 1L, "minutes", 60L, "hours", 3600L,
            "days", 86_400L);
    private static final long MIN_ACCESS = 300;
    private static final long MAX_ACCESS = 86_400;
    private static final long MIN_REFRESH = 3600;
    private static final long MAX_REFRESH = 3650L * 86_400;

    private ClientPolicy() {
    }

    /**
     * The effective read list.
     *
     * @throws InvalidParameterException when a name is not in the pool's schema
     */
    public static List<String> readAttributes(Pool pool, List<String> requested) {
        Set<String> result = new LinkedHashSet<>();
        result.add(StandardAttributes.SUB);
        if (requested == null) {
            StandardAttributes.DEFAULTS.forEach(a -> result.add(a.name()));
            return List.copyOf(result);
        }
        Map<String, AttributeDefinition> schema = pool.attributes();
        for (String name : requested) {
            if (name == null || !schema.containsKey(name)) {
                throw new InvalidParameterException(INVALID_READ);
            }
            result.add(name);
        }
        return List.copyOf(result);
    }

    /**
     * The effective write list, the pool's required attributes included.
     *
     * @throws InvalidParameterException when a name is unknown, {@code sub}, a verified flag or
     *                                   developer-only
     */
    public static List<String> writeAttributes(Pool pool, List<String> requested) {
        Set<String> result = new LinkedHashSet<>();
        if (requested == null) {
            StandardAttributes.DEFAULTS.stream().filter(ClientPolicy::writable).forEach(a -> result.add(a.name()));
        } else {
            Map<String, AttributeDefinition> schema = pool.attributes();
            for (String name : requested) {
                AttributeDefinition definition = name == null ? null : schema.get(name);
                if (definition == null || !writable(definition)) {
                    throw new InvalidParameterException(INVALID_WRITE);
                }
                result.add(name);
            }
        }
        pool.schema().stream().filter(AttributeDefinition::required).filter(ClientPolicy::writable)
                .forEach(a -> result.add(a.name()));
        return List.copyOf(result);
    }

    static boolean writable(AttributeDefinition attribute) {
        return !attribute.name().equals(StandardAttributes.SUB) && !attribute.isVerifiedFlag()
                && !attribute.developerOnly() && !attribute.name().startsWith(AttributeDefinition.DEV_PREFIX);
    }

    /**
     * The client's auth flows, Cognito's defaults when omitted.
     *
     * @throws InvalidParameterException for a name that is not a Cognito ALLOW_* flow
     */
    public static List<String> authFlows(List<String> requested) {
        if (requested == null) {
            return DEFAULT_AUTH_FLOWS;
        }
        Set<String> result = new LinkedHashSet<>();
        for (String flow : requested) {
            if (!AUTH_FLOWS.contains(flow)) {
                throw InvalidParameterException.detectedValue(requested, "explicitAuthFlows",
                        "Member must satisfy enum value set: " + AUTH_FLOWS);
            }
            result.add(flow);
        }
        return List.copyOf(result);
    }

    /** A unit name, lower-cased, or the default; InvalidParameter for an unknown unit. */
    public static String unit(String requested, String fallback) {
        if (requested == null) {
            return fallback;
        }
        String unit = requested.toLowerCase(Locale.ROOT);
        if (!UNIT_SECONDS.containsKey(unit)) {
            throw InvalidParameterException.detectedValue(requested, "tokenValidityUnits",
                    "Member must satisfy enum value set: [seconds, minutes, hours, days]");
        }
        return unit;
    }

    /**
     * A token validity in seconds: the requested amount in its unit, or the pool's default.
     *
     * @param kind "access", "id" or "refresh"
     * @throws InvalidParameterException when out of Cognito's range (access and ID tokens 5 minutes
     *                                   to 1 day, refresh tokens 1 hour to 3650 days)
     */
    public static long validitySeconds(String kind, Long amount, String unit, PoolSettings.TokenValidity poolDefault) {
        PoolSettings.TokenValidity defaults = poolDefault == null ? PoolSettings.TokenValidity.DEFAULT : poolDefault;
        long seconds;
        if (amount == null) {
            seconds = switch (kind) {
                case "access" -> defaults.accessTokenSeconds();
                case "id" -> defaults.idTokenSeconds();
                default -> defaults.refreshTokenSeconds();
            };
        } else {
            if (amount < 1 || amount > 315_360_000L) {
                throw new InvalidParameterException(INVALID_VALIDITY);
            }
            seconds = amount * UNIT_SECONDS.get(unit);
        }
        boolean refresh = kind.equals("refresh");
        long min = refresh ? MIN_REFRESH : MIN_ACCESS;
        long max = refresh ? MAX_REFRESH : MAX_ACCESS;
        if (seconds < min || seconds > max) {
            throw new InvalidParameterException(INVALID_VALIDITY);
        }
        return seconds;
    }

    /** The amount to show for a validity in its unit (rounded down when it does not divide). */
    public static long inUnit(long seconds, String unit) {
        return seconds / UNIT_SECONDS.getOrDefault(unit, 1L);
    }

    /** PreventUserExistenceErrors: LEGACY (default) or ENABLED. */
    public static String preventUserExistenceErrors(String requested) {
        if (requested == null) {
            return "LEGACY";
        }
        if (!requested.equals("LEGACY") && !requested.equals("ENABLED")) {
            throw InvalidParameterException.detectedValue(requested, "preventUserExistenceErrors",
                    "Member must satisfy enum value set: [LEGACY, ENABLED]");
        }
        return requested;
    }
}
