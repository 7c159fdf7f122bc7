package io.userpools.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userpools.common.KeyRing;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CodeHasherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final UUID SUB = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private final CodeHasher hasher = CodeHasher.fromBase64("userpools.codes.hmac-key", KEY, new SecureRandom());

    @Test
    void codesAreSixDigitsAndVary() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String code = hasher.newCode();
            assertThat(code).matches("[0-9]{6}");
            seen.add(code);
        }
        assertThat(seen).hasSizeGreaterThan(190);
    }

    @Test
    void leadingZerosAreKept() {
        SecureRandom zero = new SecureRandom() {
            @Override
            public int nextInt(int bound) {
                return 42;
            }
        };
        assertThat(CodeHasher.fromBase64("k", KEY, zero).newCode()).isEqualTo("000042");
    }

    @Test
    void hmacMatchesOnlyTheSameCodeUserAttributeAndValue() {
        byte[] stored = hasher.hmac("pool", SUB, "email", "a@example.com", "123456");
        assertThat(stored).hasSize(2 + hasher.ring().current().id().length() + 32);
        assertThat(hasher.matches(stored, "pool", SUB, "email", "a@example.com", "123456")).isTrue();
        assertThat(hasher.matches(stored, "pool", SUB, "email", "a@example.com", "123457")).isFalse();
        assertThat(hasher.matches(stored, "pool", SUB, "email", "b@example.com", "123456")).isFalse();
        assertThat(hasher.matches(stored, "pool", SUB, "phone_number", "a@example.com", "123456")).isFalse();
        assertThat(hasher.matches(stored, "pool", UUID.randomUUID(), "email", "a@example.com", "123456")).isFalse();
        assertThat(hasher.matches(stored, "other", SUB, "email", "a@example.com", "123456")).isFalse();
    }

    @Test
    void hmacDependsOnTheKey() {
        String otherKey = Base64.getEncoder().encodeToString("another key of thirty-two bytes!".getBytes());
        CodeHasher other = CodeHasher.fromBase64("k", otherKey, new SecureRandom());
        assertThat(other.hmac("pool", SUB, "email", "v", "123456"))
                .isNotEqualTo(hasher.hmac("pool", SUB, "email", "v", "123456"));
    }

    @Test
    void afterARotationCodesOfTheOldKeyStillVerifyAndNewOnesUseTheNewKey() throws Exception {
        byte[] a = new byte[32];
        byte[] b = "another key of thirty-two bytes!".getBytes();
        CodeHasher before = new CodeHasher(ring(a, "h1"), new SecureRandom());
        byte[] tagged = before.hmac("pool", SUB, "email", "v", "123456");
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(a, "HmacSHA256"));
        for (String part : new String[] {"pool", SUB.toString(), "email", "v"}) {
            mac.update(part.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            mac.update((byte) 0);
        }
        byte[] legacy = mac.doFinal("654321".getBytes()); // stored before key rings: the bare HMAC
        assertThat(before.matches(legacy, "pool", SUB, "email", "v", "654321")).isTrue();

        CodeHasher rotated = new CodeHasher(ring(b, "h2", "h1:" + Base64.getEncoder().encodeToString(a)),
                new SecureRandom());
        assertThat(rotated.matches(tagged, "pool", SUB, "email", "v", "123456")).isTrue();
        assertThat(rotated.matches(tagged, "pool", SUB, "email", "v", "123457")).isFalse();
        assertThat(rotated.matches(legacy, "pool", SUB, "email", "v", "654321")).isTrue();
        byte[] fresh = rotated.hmac("pool", SUB, "email", "v", "111111");
        assertThat(KeyRing.tagged(fresh).keyId()).isEqualTo("h2");
        assertThat(rotated.ring().isCurrent(fresh)).isTrue();

        CodeHasher dropped = new CodeHasher(ring(b, "h2"), new SecureRandom());
        assertThat(dropped.matches(fresh, "pool", SUB, "email", "v", "111111")).isTrue();
        assertThat(dropped.matches(tagged, "pool", SUB, "email", "v", "123456")).isFalse();
        assertThat(dropped.matches(legacy, "pool", SUB, "email", "v", "654321")).isFalse();
    }

    private static KeyRing ring(byte[] current, String id, String... older) {
        return KeyRing.parse("userpools.codes.hmac-key", Base64.getEncoder().encodeToString(current),
                Optional.of(id), Optional.of(List.of(older)), 32, 1024);
    }

    @Test
    void missingShortOrMalformedKeysFailWithThePropertyName() {
        assertThatThrownBy(() -> CodeHasher.fromBase64("userpools.codes.hmac-key", null, new SecureRandom()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("userpools.codes.hmac-key is not set");
        assertThatThrownBy(() -> CodeHasher.fromBase64("p", Base64.getEncoder().encodeToString(new byte[16]),
                new SecureRandom())).hasMessageContaining("at least 32 bytes, it has 16");
        assertThatThrownBy(() -> CodeHasher.fromBase64("p", "not base64 !!", new SecureRandom()))
                .hasMessageContaining("not valid base64");
    }

    @Test
    void codesExpireAfterTwentyFourHoursAndWhenConsumed() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        StoredCode code = StoredCode.issue("pool", SUB, "email", new byte[32], "a@example.com", now);
        assertThat(code.expiresAt()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
        assertThat(code.spentOrExpired(now.plusSeconds(24 * 3600 - 1))).isFalse();
        assertThat(code.spentOrExpired(now.plusSeconds(24 * 3600))).isTrue();
        StoredCode consumed = new StoredCode("pool", SUB, "email", new byte[32], "a@example.com", now,
                code.expiresAt(), now.plusSeconds(5));
        assertThat(consumed.spentOrExpired(now.plusSeconds(10))).isTrue();
    }
}
