package io.userpools.client;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * An app client's settings as stored (JSONB), with Cognito's defaults already applied.
 * {@code writeAttributes} is the effective list (the pool's required attributes included);
 * {@code explicitWriteList} records whether the client named its own list. Token validities are
 * in seconds; {@code tokenValidityUnits} only says how to show them (each divides its validity).
 * {@code supportedIdentityProviders} is empty or {@code [COGNITO]} (absent in rows written before it).
 */
@RegisterForReflection
public record ClientSettings(
        List<String> readAttributes,
        List<String> writeAttributes,
        boolean explicitWriteList,
        List<String> explicitAuthFlows,
        long accessTokenSeconds,
        long idTokenSeconds,
        long refreshTokenSeconds,
        TokenValidityUnits tokenValidityUnits,
        String preventUserExistenceErrors,
        List<String> supportedIdentityProviders) {

    /** The unit of each validity, one of seconds, minutes, hours, days. */
    @RegisterForReflection
    public record TokenValidityUnits(String accessToken, String idToken, String refreshToken) {

        public static final TokenValidityUnits DEFAULT = new TokenValidityUnits("hours", "hours", "days");
    }

    /** The identity providers the client names: empty or {@code [COGNITO]}. */
    public List<String> identityProviders() {
        return supportedIdentityProviders == null ? List.of() : supportedIdentityProviders;
    }

    public boolean allowsFlow(String flow) {
        return explicitAuthFlows.contains(flow);
    }

    /** True when PreventUserExistenceErrors is ENABLED (unknown users look like wrong passwords). */
    public boolean hidesUserExistence() {
        return "ENABLED".equals(preventUserExistenceErrors);
    }
}
