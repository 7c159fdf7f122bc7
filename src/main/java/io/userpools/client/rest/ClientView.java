package io.userpools.client.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.userpools.client.Client;
import io.userpools.client.ClientPolicy;
import io.userpools.client.ClientSettings;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An app client as admin callers see it; {@code clientSecret} appears once, on creation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(requiredProperties = {"clientId", "poolId", "name", "hasSecret", "accessTokenValidity", "idTokenValidity",
    "refreshTokenValidity", "tokenValidityUnits", "preventUserExistenceErrors", "createdAt", "lastModifiedAt"})
public record ClientView(String clientId, String poolId, String name, List<String> readAttributes,
        List<String> writeAttributes, List<String> explicitAuthFlows, boolean hasSecret, String clientSecret,
        long accessTokenValidity, long idTokenValidity, long refreshTokenValidity,
        ClientSettings.TokenValidityUnits tokenValidityUnits, String preventUserExistenceErrors,
        Instant createdAt, Instant lastModifiedAt) {

    public static ClientView of(Client client, String secret) {
        ClientSettings s = client.settings();
        ClientSettings.TokenValidityUnits units = s.tokenValidityUnits();
        return new ClientView(client.clientId(), client.poolId(), client.name(), s.readAttributes(),
                s.writeAttributes(), s.explicitAuthFlows(), client.hasSecret(), secret,
                ClientPolicy.inUnit(s.accessTokenSeconds(), units.accessToken()),
                ClientPolicy.inUnit(s.idTokenSeconds(), units.idToken()),
                ClientPolicy.inUnit(s.refreshTokenSeconds(), units.refreshToken()),
                units, s.preventUserExistenceErrors(), client.createdAt(), client.lastModifiedAt());
    }
}
