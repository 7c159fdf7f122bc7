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
    public static final String INVALID_READ_UPDATE = "Invalid read attributes specified while updating a client";
    public static final String INVALID_WRITE_UPDATE = "Invalid write attributes specified while updating a client";
    public static final String INVALID_VALIDITY = "Invalid range for token validity.";
    /** The length of an auth challenge's session, in minutes ({@link io.userpools.auth.ChallengeSessions}). */
    public static final int AUTH_SESSION_MINUTES = 3;
    public static final String COGNITO_PROVIDER = "COGNITO";
    private static final String NO_OAUTH = " is not supported: Userpools has no OAuth 2.0 authorization server "
            + "or hosted UI";

    public static final List<String> AUTH_FLOWS = List.of("ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH",
            "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_AUTH");
    public static final List<String> DEFAULT_AUTH_FLOWS = List.of("ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH",
            "ALLOW_CUSTOM_AUTH");

    private static final Map<String, Long> UNIT_SECONDS = Map.of("seconds", 1L, "minutes", 60L, "hours", 3600L,
            "days", 86_400L);
    private static final List<String> UNITS_LARGEST_FIRST = List.of("days", "hours", "minutes", "seconds");
    private static final long MIN_ACCESS = 300;
    /**
     * The longest validity of an access (or ID) token, in seconds: Cognito's 1 day. No token the
     * service issues outlives its session row by more than this ({@link io.userpools.auth.SessionPurge}).
     */
    public static final long MAX_ACCESS_SECONDS = 86_400;
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
        return readAttributes(pool, requested, false);
    }

    /**
     * The effective read list, on creation or update (whose error text says so).
     *
     * @throws InvalidParameterException when a name is not in the pool's schema
     */
    public static List<String> readAttributes(Pool pool, List<String> requested, boolean updating) {
        Set<String> result = new LinkedHashSet<>();
        result.add(StandardAttributes.SUB);
        if (requested == null) {
            StandardAttributes.DEFAULTS.forEach(a -> result.add(a.name()));
            return List.copyOf(result);
        }
        Map<String, AttributeDefinition> schema = pool.attributes();
        for (String name : requested) {
            if (name == null || !schema.containsKey(name)) {
                throw new InvalidParameterException(updating ? INVALID_READ_UPDATE : INVALID_READ);
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
        return writeAttributes(pool, requested, false);
    }

    /**
     * The effective write list, on creation or update (whose error text says so).
     *
     * @throws InvalidParameterException when a name is unknown, {@code sub}, a verified flag or
     *                                   developer-only
     */
    public static List<String> writeAttributes(Pool pool, List<String> requested, boolean updating) {
        Set<String> result = new LinkedHashSet<>();
        if (requested == null) {
            StandardAttributes.DEFAULTS.stream().filter(ClientPolicy::writable).forEach(a -> result.add(a.name()));
        } else {
            Map<String, AttributeDefinition> schema = pool.attributes();
            for (String name : requested) {
                AttributeDefinition definition = name == null ? null : schema.get(name);
                if (definition == null || !writable(definition)) {
                    throw new InvalidParameterException(updating ? INVALID_WRITE_UPDATE : INVALID_WRITE);
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
     * A token validity in seconds: the requested amount in its unit, or the pool's default (also
     * for a refresh token validity of 0, which Cognito reads as its default).
     *
     * @param kind "access", "id" or "refresh"
     * @throws InvalidParameterException when out of Cognito's range (access and ID tokens 5 minutes
     *                                   to 1 day, refresh tokens 1 hour to 3650 days)
     */
    public static long validitySeconds(String kind, Long amount, String unit, PoolSettings.TokenValidity poolDefault) {
        PoolSettings.TokenValidity defaults = poolDefault == null ? PoolSettings.TokenValidity.DEFAULT : poolDefault;
        long seconds;
        if (amount == null || (amount == 0 && kind.equals("refresh"))) {
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
        long max = refresh ? MAX_REFRESH : MAX_ACCESS_SECONDS;
        if (seconds < min || seconds > max) {
            throw new InvalidParameterException(INVALID_VALIDITY);
        }
        return seconds;
    }

    /**
     * The unit to show a validity in: the one asked for when it divides the validity, else the
     * largest one that does (a pool default of 90 minutes is not shown as 1 hour).
     */
    public static String fittingUnit(long seconds, String unit) {
        if (seconds % UNIT_SECONDS.get(unit) == 0) {
            return unit;
        }
        return UNITS_LARGEST_FIRST.stream().filter(u -> seconds % UNIT_SECONDS.get(u) == 0).findFirst()
                .orElse("seconds");
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

    /**
     * Checks the Cognito settings Userpools has no machinery for ({@link CognitoOnlySettings}):
     * each is accepted at the value Userpools behaves as and refused otherwise.
     *
     * @return the identity providers to keep: empty, or {@code [COGNITO]} (the pool's own users)
     * @throws InvalidParameterException naming the first setting Userpools cannot honour
     */
    public static List<String> cognitoOnly(CognitoOnlySettings s) {
        if (s == null) {
            return List.of();
        }
        if (Boolean.FALSE.equals(s.enableTokenRevocation())) {
            throw new InvalidParameterException(
                    "EnableTokenRevocation cannot be false: Userpools always lets refresh tokens be revoked");
        }
        if (Boolean.TRUE.equals(s.enablePropagateAdditionalUserContextData())) {
            throw new InvalidParameterException("EnablePropagateAdditionalUserContextData is not supported: "
                    + "Userpools has no threat protection to take user context data");
        }
        if (s.authSessionValidity() != null && s.authSessionValidity() != AUTH_SESSION_MINUTES) {
            throw new InvalidParameterException("AuthSessionValidity must be " + AUTH_SESSION_MINUTES
                    + ": Userpools keeps authentication sessions for " + AUTH_SESSION_MINUTES + " minutes");
        }
        if (s.analyticsConfiguration()) {
            throw new InvalidParameterException(
                    "AnalyticsConfiguration is not supported: Userpools sends no analytics events");
        }
        noOAuth("CallbackURLs", s.callbackUrls());
        noOAuth("LogoutURLs", s.logoutUrls());
        noOAuth("AllowedOAuthFlows", s.allowedOAuthFlows());
        noOAuth("AllowedOAuthScopes", s.allowedOAuthScopes());
        if (s.defaultRedirectUri() != null) {
            throw new InvalidParameterException("DefaultRedirectURI" + NO_OAUTH);
        }
        if (Boolean.TRUE.equals(s.allowedOAuthFlowsUserPoolClient())) {
            throw new InvalidParameterException("AllowedOAuthFlowsUserPoolClient" + NO_OAUTH);
        }
        List<String> providers = s.supportedIdentityProviders();
        if (providers == null || providers.isEmpty()) {
            return List.of();
        }
        if (providers.stream().anyMatch(p -> !COGNITO_PROVIDER.equals(p))) {
            throw new InvalidParameterException("SupportedIdentityProviders may name only COGNITO: "
                    + "Userpools has no federated identity providers");
        }
        return List.of(COGNITO_PROVIDER);
    }

    private static void noOAuth(String member, List<String> values) {
        if (values != null && !values.isEmpty()) {
            throw new InvalidParameterException(member + NO_OAUTH);
        }
    }
}
