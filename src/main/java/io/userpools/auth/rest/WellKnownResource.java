package io.userpools.auth.rest;

import jakarta.annotation.security.PermitAll;
import io.smallrye.mutiny.Uni;
import io.userpools.auth.Issuers;
import io.userpools.auth.PoolKeys;
import io.userpools.common.UserpoolsConfig;
import io.userpools.pool.PoolService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/pools/{poolId}/.well-known")
@Tag(name = "Token keys", description = "A pool's public signing keys and OpenID discovery (public)")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class WellKnownResource {

    private final PoolService pools;
    private final PoolKeys keys;
    private final UserpoolsConfig config;

    public WellKnownResource(PoolService pools, PoolKeys keys, UserpoolsConfig config) {
        this.pools = pools;
        this.keys = keys;
        this.config = config;
    }

    @GET
    @Path("/jwks.json")
    @Operation(operationId = "getJwks", summary = "The pool's public keys (JWKS)",
            description = "Public. The pool's RSA public keys as a JSON Web Key Set, by kid, to check the pool's "
            + "tokens.")
    @APIResponse(responseCode = "200", description = "{\"keys\": [RSA public JWKs with kid, alg RS256, use sig]}")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such pool")
    public Uni<Map<String, Object>> getJwks(@PathParam("poolId") String poolId) {
        return pools.get(poolId).flatMap(pool -> keys.publicJwks(pool.id())).map(list -> Map.of("keys", list));
    }

    @GET
    @Path("/openid-configuration")
    @Operation(operationId = "getOpenIdConfiguration", summary = "OpenID discovery document of the pool",
            description = "Public. The pool's OpenID Connect discovery document: its issuer, where its JWKS is, "
            + "and what its tokens offer.")
    @APIResponse(responseCode = "200", description = "The discovery document; issuer = <base>/pools/{poolId}")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such pool")
    public Uni<Map<String, Object>> getOpenIdConfiguration(@PathParam("poolId") String poolId) {
        return pools.get(poolId).map(pool -> {
            String issuer = Issuers.of(config.issuerBaseUrl(), pool.id());
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("issuer", issuer);
            doc.put("jwks_uri", issuer + "/.well-known/jwks.json");
            doc.put("userinfo_endpoint", config.issuerBaseUrl().replaceAll("/+$", "") + "/me");
            doc.put("response_types_supported", List.of("token"));
            doc.put("subject_types_supported", List.of("public"));
            doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
            doc.put("scopes_supported", List.of("openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"));
            doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_post"));
            doc.put("claims_supported", List.of("sub", "iss", "aud", "cognito:username", "email", "email_verified",
                    "phone_number", "phone_number_verified", "token_use", "auth_time", "exp", "iat", "jti"));
            return doc;
        });
    }
}
