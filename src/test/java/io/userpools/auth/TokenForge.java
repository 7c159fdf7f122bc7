package io.userpools.auth;

import io.userpools.support.Auth;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;

/** Makes hostile tokens for tests, some with the pool's real signing key. */
final class TokenForge {

    private final PoolKeys keys;

    TokenForge(PoolKeys keys) {
        this.keys = keys;
    }

    PoolKeys.SigningKey poolKey(String poolId) {
        return keys.signingKey(poolId).await().indefinitely();
    }

    /** The claims of a real token, modifiable. */
    static Map<String, Object> claimsOf(String jwt) {
        return new LinkedHashMap<>(Auth.payload(jwt).getMap(""));
    }

    /** Signs claims with the pool's real key and kid (RS256). */
    String signWithPoolKey(String poolId, Map<String, Object> claims) {
        return TokenService.sign(poolKey(poolId), claims);
    }

    /** Signs with the pool's real private key but names another kid. */
    String signWithKid(String poolId, Map<String, Object> claims, String kid) {
        return jose(claims, AlgorithmIdentifiers.RSA_USING_SHA256, poolKey(poolId).privateKey(), kid);
    }

    /** Signs with a fresh RSA key under the pool's kid. */
    String signWithForeignKey(String poolId, Map<String, Object> claims) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return jose(claims, AlgorithmIdentifiers.RSA_USING_SHA256, generator.generateKeyPair().getPrivate(),
                poolKey(poolId).kid());
    }

    /** HS256 keyed with the bytes of the pool's public key, the classic algorithm confusion. */
    String hs256WithPublicKey(String poolId, Map<String, Object> claims) {
        String kid = poolKey(poolId).kid();
        byte[] publicKey = keys.publicKey(poolId, kid).await().indefinitely().getEncoded();
        return jose(claims, AlgorithmIdentifiers.HMAC_SHA256, new HmacKey(publicKey), kid);
    }

    /** An unsigned token ({@code alg: none}) with the pool's kid. */
    String unsigned(String poolId, Map<String, Object> claims) {
        String header = "{\"alg\":\"none\",\"kid\":\"" + poolKey(poolId).kid() + "\",\"typ\":\"JWT\"}";
        return b64(header) + "." + json(claims) + ".";
    }

    /** The token with another payload and its original signature. */
    static String withPayload(String jwt, Map<String, Object> claims) {
        String[] parts = jwt.split("\\.");
        return parts[0] + "." + json(claims) + "." + parts[2];
    }

    private static String json(Map<String, Object> claims) {
        org.jose4j.jwt.JwtClaims json = new org.jose4j.jwt.JwtClaims();
        claims.forEach(json::setClaim);
        return b64(json.toJson());
    }

    private static String jose(Map<String, Object> claims, String alg, java.security.Key key, String kid) {
        try {
            org.jose4j.jwt.JwtClaims json = new org.jose4j.jwt.JwtClaims();
            claims.forEach(json::setClaim);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(json.toJson());
            jws.setAlgorithmHeaderValue(alg);
            jws.setKeyIdHeaderValue(kid);
            jws.setKey(key);
            jws.setDoKeyValidation(false);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
