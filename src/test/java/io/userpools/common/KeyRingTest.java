package io.userpools.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Key rings: parsing, ids, the tag on every sealed value, and opening values of old keys and of no ring. */
class KeyRingTest {

    private static final byte[] A = bytes(1);
    private static final byte[] B = bytes(2);
    private static final byte[] AAD = "context".getBytes(StandardCharsets.UTF_8);

    private static byte[] bytes(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return key;
    }

    private static String b64(byte[] key) {
        return Base64.getEncoder().encodeToString(key);
    }

    private static KeyRing ring(byte[] current, String id, String... older) {
        return KeyRing.parse("userpools.test.key", b64(current), Optional.ofNullable(id), Optional.of(List.of(older)),
                32, 32);
    }

    /** What SecretBox and OutboxCipher wrote before key rings: {@code iv || ciphertext+tag}, no key tag. */
    static byte[] legacySeal(byte[] key, byte[] plain, byte[] aad) throws Exception {
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD(aad);
        byte[] sealed = cipher.doFinal(plain);
        return ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array();
    }

    @Test
    void idsAreConfiguredOrDerivedFromTheKeyAndStayWithIt() {
        KeyRing named = ring(A, "k2", "k1:" + b64(B));
        assertThat(named.current().id()).isEqualTo("k2");
        assertThat(named.oldIds()).containsExactly("k1");
        KeyRing derived = ring(A, null);
        assertThat(derived.current().id()).matches("[0-9a-f]{8}").isEqualTo(KeyRing.of(A).current().id())
                .isNotEqualTo(KeyRing.of(B).current().id());
        // a key moved from current to old without naming it keeps its id
        assertThat(ring(B, null, b64(A)).oldIds()).containsExactly(derived.current().id());
        assertThat(named.toString()).isEqualTo("KeyRing[current k2, old k1]").doesNotContain(b64(A));
    }

    @Test
    void theCurrentKeyListedAgainAmongTheOldIsIgnored() {
        assertThat(ring(A, "k2", "k2:" + b64(A), "k1:" + b64(B)).keys()).hasSize(2);
        assertThat(ring(A, null, b64(A)).keys()).hasSize(1);
    }

    @Test
    void badKeysAndIdsFailNamingThePropertyNeverTheKey() {
        assertThatThrownBy(() -> KeyRing.parse("userpools.test.key", null, Optional.empty(), Optional.empty(), 32, 32))
                .hasMessageContaining("userpools.test.key is not set");
        assertThatThrownBy(() -> ring(A, "k 1")).hasMessageContaining("userpools.test.key-id")
                .hasMessageContaining("1 to 32 of");
        assertThatThrownBy(() -> ring(A, "k2", "k1:" + b64(new byte[16])))
                .hasMessageContaining("old keys of userpools.test.key must decode to exactly 32 bytes, it has 16");
        assertThatThrownBy(() -> ring(A, "k2", "k1:%%%")).hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> ring(A, "k1", "k1:" + b64(B)))
                .hasMessageContaining("the id k1 names two different keys").hasMessageNotContaining(b64(B));
    }

    @Test
    void sealedValuesCarryTheCurrentKeysTag() {
        KeyRingCipher cipher = new KeyRingCipher(ring(A, "k2"), new SecureRandom());
        byte[] sealed = cipher.seal("secret".getBytes(StandardCharsets.UTF_8), AAD);
        assertThat(sealed[0]).isEqualTo(KeyRing.VERSION);
        assertThat(KeyRing.tagged(sealed).keyId()).isEqualTo("k2");
        assertThat(new String(sealed, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("\u0001\u0002k2");
        assertThat(cipher.ring().isCurrent(sealed)).isTrue();
        KeyRingCipher.Opened opened = cipher.open(sealed, AAD);
        assertThat(opened.plain()).asString(StandardCharsets.UTF_8).isEqualTo("secret");
        assertThat(opened.keyId()).isEqualTo("k2");
        assertThat(opened.stale()).isFalse();
    }

    @Test
    void afterARotationOldValuesOpenAndAreStaleAndNewOnesUseTheNewKey() throws Exception {
        KeyRingCipher before = new KeyRingCipher(ring(A, "k1"), new SecureRandom());
        byte[] old = before.seal(new byte[] {7}, AAD);
        byte[] legacy = legacySeal(A, new byte[] {8}, AAD);
        assertThat(before.open(legacy, AAD).plain()).containsExactly(8);

        KeyRingCipher rotated = new KeyRingCipher(ring(B, "k2", "k1:" + b64(A)), new SecureRandom());
        KeyRingCipher.Opened opened = rotated.open(old, AAD);
        assertThat(opened.plain()).containsExactly(7);
        assertThat(opened.keyId()).isEqualTo("k1");
        assertThat(opened.stale()).isTrue();
        assertThat(rotated.ring().isCurrent(old)).isFalse();
        KeyRingCipher.Opened legacyOpened = rotated.open(legacy, AAD);
        assertThat(legacyOpened.plain()).containsExactly(8);
        assertThat(legacyOpened.stale()).isTrue();
        byte[] fresh = rotated.seal(new byte[] {9}, AAD);
        assertThat(KeyRing.tagged(fresh).keyId()).isEqualTo("k2");

        KeyRingCipher dropped = new KeyRingCipher(ring(B, "k2"), new SecureRandom());
        assertThat(dropped.open(fresh, AAD).plain()).containsExactly(9);
        assertThat(dropped.open(old, AAD)).isNull();
        assertThat(dropped.open(legacy, AAD)).isNull();
    }

    @Test
    void aRelabelledKeyStillOpensItsValues() {
        byte[] sealed = new KeyRingCipher(ring(A, "first"), new SecureRandom()).seal(new byte[] {1}, AAD);
        KeyRingCipher.Opened opened = new KeyRingCipher(ring(A, "second"), new SecureRandom()).open(sealed, AAD);
        assertThat(opened.plain()).containsExactly(1);
        assertThat(opened.stale()).isTrue();
    }

    @Test
    void tamperedOrMisboundValuesDoNotOpen() {
        KeyRingCipher cipher = new KeyRingCipher(ring(A, "k1", "k0:" + b64(B)), new SecureRandom());
        byte[] sealed = cipher.seal(new byte[] {1}, AAD);
        assertThat(cipher.open(sealed, "other".getBytes(StandardCharsets.UTF_8))).isNull();
        byte[] relabelled = sealed.clone();
        relabelled[3] = '0'; // k1 -> k0: the tag is authenticated
        assertThat(cipher.open(relabelled, AAD)).isNull();
        byte[] flipped = sealed.clone();
        flipped[flipped.length - 1] ^= 1;
        assertThat(cipher.open(flipped, AAD)).isNull();
        assertThat(cipher.open(new byte[0], AAD)).isNull();
        assertThat(cipher.open(new byte[] {1, 2, 'k', '1'}, AAD)).isNull();
        assertThat(cipher.open(null, AAD)).isNull();
    }
}
