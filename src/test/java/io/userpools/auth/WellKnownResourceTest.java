package io.userpools.auth;

import static io.restassured.RestAssured.given;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Auth.accessToken;
import static io.userpools.support.Auth.header;
import static io.userpools.support.Auth.passwordPool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.userpools.support.Auth.PasswordPool;
import java.util.List;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;

/** The public JWKS and discovery documents, and offline verification with them. */
@QuarkusTest
class WellKnownResourceTest {

    @Test
    void jwksVerifiesTheTokensOffline() throws Exception {
        PasswordPool pool = passwordPool("alice");
        String token = accessToken(pool.clientId(), "alice");
        String jwks = given().when().get("/pools/{p}/.well-known/jwks.json", pool.poolId())
                .then().statusCode(200)
                .body("keys", hasSize(1))
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].use", equalTo("sig"))
                .body("keys[0].kid", equalTo(header(token).getString("kid")))
                .body("keys[0].d", nullValue())
                .extract().asString();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        jws.setKey(new JsonWebKeySet(jwks).findJsonWebKey(jws.getKeyIdHeaderValue(), "RSA", "sig", "RS256").getKey());
        assertThat(jws.verifySignature()).isTrue();
    }

    @Test
    void discoveryNamesTheIssuerAndKeys() {
        String poolId = createPool();
        given().when().get("/pools/{p}/.well-known/openid-configuration", poolId)
                .then().statusCode(200)
                .body("issuer", equalTo("http://localhost:8080/pools/" + poolId))
                .body("jwks_uri", equalTo("http://localhost:8080/pools/" + poolId + "/.well-known/jwks.json"))
                .body("id_token_signing_alg_values_supported", equalTo(List.of("RS256")));
    }

    @Test
    void unknownPoolsAreResourceNotFound() {
        given().when().get("/pools/{p}/.well-known/jwks.json", "us-east-1_nope12345")
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("ResourceNotFoundException"));
        given().when().get("/pools/{p}/.well-known/openid-configuration", "us-east-1_nope12345")
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("ResourceNotFoundException"));
    }
}
