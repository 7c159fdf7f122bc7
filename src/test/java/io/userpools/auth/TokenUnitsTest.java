package io.userpools.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.userpools.common.SecretBox;
import io.userpools.pool.AttributeDefinition;
import io.userpools.pool.AttributeType;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolSettings;
import io.userpools.pool.StandardAttributes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Pure parts of token handling: secret hash, claims, issuers, sealing. */
class TokenUnitsTest {

    @Test
    void secretHashIsCognitosHmac() {
        // computed independently: printf 'aliceclient1' | openssl dgst -sha256 -hmac 'secret' -binary | base64
        assertThat(SecretHash.of("secret", "alice", "client1")).isEqualTo("1f+jIZ5jrvd9T9LKNEBwDVXuGhIxTem62DTEPkKb29k=");
        assertThat(SecretHash.matches(SecretHash.of("secret", "alice", "client1"), "secret", "alice", "client1")).isTrue();
        assertThat(SecretHash.matches(SecretHash.of("secret", "alice", "client1"), "secret", "bob", "client1")).isFalse();
        assertThat(SecretHash.matches(null, "secret", "alice", "client1")).isFalse();
    }

    private static Pool pool() {
        List<AttributeDefinition> schema = new ArrayList<>(StandardAttributes.DEFAULTS);
        schema.add(new AttributeDefinition("custom:level", AttributeType.Number, true, false, false, null, null, null, null));
        return new Pool("us-east-1_abc123456", "p", new PoolSettings(List.of(), List.of(), List.of(), List.of(), true,
                null, null, null, null), schema, Instant.EPOCH, Instant.EPOCH);
    }

    private static final TokenClaims.Subject SUBJECT = new TokenClaims.Subject("http://x/pools/us-east-1_abc123456",
            "client1", UUID.fromString("00000000-0000-0000-0000-000000000001"), "alice",
            UUID.fromString("00000000-0000-0000-0000-000000000002"), UUID.randomUUID(),
            Instant.ofEpochSecond(1000, 700_000_000), Instant.ofEpochSecond(2000, 900_000_000));

    @Test
    void accessClaimsCarryNoAttributesAndNoAudience() {
        Map<String, Object> claims = TokenClaims.access(SUBJECT, 300, UUID.randomUUID());
        assertThat(claims).containsEntry("token_use", "access").containsEntry("scope", TokenClaims.SCOPE)
                .containsEntry("client_id", "client1").containsEntry("username", "alice")
                .containsEntry("auth_time", 1000L).containsEntry("iat", 2000L).containsEntry("exp", 2300L)
                .containsEntry("origin_jti", "00000000-0000-0000-0000-000000000002")
                .doesNotContainKeys("aud", "cognito:username");
    }

    @Test
    void idClaimsTypeTheReadableAttributes() {
        Map<String, String> attributes = Map.of("sub", "00000000-0000-0000-0000-000000000001", "email", "a@b.c",
                "email_verified", "true", "phone_number_verified", "false", "updated_at", "17",
                "custom:level", "3", "name", "Alice");
        Map<String, Object> claims = TokenClaims.id(SUBJECT, 300, UUID.randomUUID(), pool(), attributes,
                List.of("sub", "email", "email_verified", "phone_number_verified", "updated_at", "custom:level"));
        assertThat(claims).containsEntry("token_use", "id").containsEntry("aud", "client1")
                .containsEntry("cognito:username", "alice").containsEntry("email", "a@b.c")
                .containsEntry("email_verified", true).containsEntry("phone_number_verified", false)
                .containsEntry("updated_at", 17L).containsEntry("custom:level", "3")
                .containsEntry("sub", "00000000-0000-0000-0000-000000000001")
                .doesNotContainKeys("name", "scope");
    }

    @Test
    void issuersRoundTripAndRejectStrangers() {
        assertThat(Issuers.of("http://h:8080/", "us-east-1_abc")).isEqualTo("http://h:8080/pools/us-east-1_abc");
        assertThat(Issuers.poolIdOf("http://h:8080", "http://h:8080/pools/us-east-1_abc")).isEqualTo("us-east-1_abc");
        assertThat(Issuers.poolIdOf("http://h:8080", "http://evil/pools/us-east-1_abc")).isNull();
        assertThat(Issuers.poolIdOf("http://h:8080", "http://h:8080/pools/us-east-1_abc/x")).isNull();
        assertThat(Issuers.poolIdOf("http://h:8080", null)).isNull();
    }

    @Test
    void sealedValuesOpenOnlyInTheirContext() {
        SecretBox box = new SecretBox(new byte[32]);
        byte[] sealed = box.seal("secret".getBytes(StandardCharsets.UTF_8), "a");
        assertThat(new String(box.open(sealed, "a"), StandardCharsets.UTF_8)).isEqualTo("secret");
        assertThat(box.open(sealed, "b")).isNull();
        sealed[sealed.length - 1] ^= 1;
        assertThat(box.open(sealed, "a")).isNull();
        assertThat(new SecretBox(new byte[32]).open(box.seal(new byte[] {1}, "a"), "a")).containsExactly(1);
        byte[] other = new byte[32];
        other[0] = 1;
        assertThat(new SecretBox(other).open(box.seal(new byte[] {1}, "a"), "a")).isNull();
    }

    @Test
    void challengeSessionsAreSealedAndExpireAfterThreeMinutes() {
        SecretBox box = new SecretBox(new byte[32]);
        java.time.Clock start = java.time.Clock.fixed(Instant.ofEpochSecond(10_000), java.time.ZoneOffset.UTC);
        UUID sub = UUID.randomUUID();
        String session = new ChallengeSessions(box, start).open("us-east-1_abc", "client1", sub, "a|b");
        ChallengeSessions later = new ChallengeSessions(box,
                java.time.Clock.offset(start, ChallengeSessions.VALIDITY.minusSeconds(1)));
        ChallengeSessions.Challenge challenge = later.read(session);
        assertThat(challenge.sub()).isEqualTo(sub);
        assertThat(challenge.username()).isEqualTo("a|b");
        assertThat(later.expired(challenge)).isFalse();
        assertThat(new ChallengeSessions(box, java.time.Clock.offset(start, ChallengeSessions.VALIDITY))
                .expired(challenge)).isTrue();
        assertThat(later.read(session.substring(1))).isNull();
        assertThat(later.read("not base64 !")).isNull();
        assertThat(new ChallengeSessions(new SecretBox(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}), start).read(session)).isNull();
    }
}
