package io.userpools.auth;

import io.userpools.pool.AttributeDefinition;
import io.userpools.pool.AttributeType;
import io.userpools.pool.Pool;
import io.userpools.pool.StandardAttributes;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The claims of this service's tokens (behaviour spec 2.12), as pure functions. The access token
 * never carries attributes and has no {@code aud}; the ID token carries the client's readable
 * attributes, the flags as JSON booleans, Number standard attributes as numbers and custom
 * attributes always as strings.
 */
public final class TokenClaims {

    public static final String SCOPE = "aws.cognito.signin.user.admin";

    /** What one issued token describes. Times are truncated to seconds in the claims. */
    public record Subject(String issuer, String clientId, UUID sub, String username, UUID originJti, UUID eventId,
            Instant authTime, Instant issuedAt) {
    }

    private TokenClaims() {
    }

    /** The access token's claims, valid for {@code validitySeconds} from {@code issuedAt}. */
    public static Map<String, Object> access(Subject s, long validitySeconds, UUID jti) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", s.sub().toString());
        claims.put("iss", s.issuer());
        claims.put("client_id", s.clientId());
        claims.put("origin_jti", s.originJti().toString());
        claims.put("event_id", s.eventId().toString());
        claims.put("token_use", "access");
        claims.put("scope", SCOPE);
        claims.put("auth_time", s.authTime().getEpochSecond());
        claims.put("exp", s.issuedAt().getEpochSecond() + validitySeconds);
        claims.put("iat", s.issuedAt().getEpochSecond());
        claims.put("jti", jti.toString());
        claims.put("username", s.username());
        return claims;
    }

    /** The ID token's claims: the client's readable attributes of the user and {@code aud}. */
    public static Map<String, Object> id(Subject s, long validitySeconds, UUID jti, Pool pool,
            Map<String, String> attributes, Collection<String> readable) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", s.sub().toString());
        Map<String, AttributeDefinition> schema = pool.attributes();
        for (String name : readable) {
            String value = attributes.get(name);
            if (value == null || name.equals(StandardAttributes.SUB)) {
                continue;
            }
            claims.put(name, typed(schema.get(name), value));
        }
        claims.put("iss", s.issuer());
        claims.put("cognito:username", s.username());
        claims.put("origin_jti", s.originJti().toString());
        claims.put("aud", s.clientId());
        claims.put("event_id", s.eventId().toString());
        claims.put("token_use", "id");
        claims.put("auth_time", s.authTime().getEpochSecond());
        claims.put("exp", s.issuedAt().getEpochSecond() + validitySeconds);
        claims.put("iat", s.issuedAt().getEpochSecond());
        claims.put("jti", jti.toString());
        return claims;
    }

    static Object typed(AttributeDefinition definition, String value) {
        if (definition == null || definition.isCustom()) {
            return value;
        }
        if (definition.isVerifiedFlag()) {
            return Boolean.parseBoolean(value);
        }
        if (definition.type() == AttributeType.Number) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                return value;
            }
        }
        return value;
    }
}
