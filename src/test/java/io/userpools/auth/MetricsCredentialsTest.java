package io.userpools.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userpools.auth.AdminCredentials.AccessKey;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parsing metrics keys and refusing one that is also an admin key, without a secret in the message. */
class MetricsCredentialsTest {

    private static List<AccessKey> keys(String... entries) {
        return AdminCredentials.parse(Optional.of(List.of(entries)), "userpools.test.keys");
    }

    @Test
    void parsesPairsAndSkipsMalformedOnes() {
        List<AccessKey> parsed = keys("prom:s3cret", " next : other ", "no-colon", ":no-id", "no-secret:");
        assertThat(parsed).extracting(AccessKey::id).containsExactly("prom", "next");
        assertThat(AdminCredentials.match(parsed, "other")).map(AccessKey::id).contains("next");
        assertThat(AdminCredentials.match(parsed, "s3cre")).isEmpty();
        assertThat(AdminCredentials.match(parsed, null)).isEmpty();
    }

    @Test
    void distinctKeysAreAccepted() {
        assertThatNoException().isThrownBy(() -> MetricsCredentials.refuseOverlap(
                keys("ops:admin-secret"), keys("prom:metrics-secret", "prom-next:metrics-secret-2")));
        assertThatNoException().isThrownBy(() -> MetricsCredentials.refuseOverlap(keys("ops:admin-secret"), List.of()));
    }

    @Test
    void aSecretOfBothKindsRefusesTheStartAndNamesOnlyIds() {
        assertThatThrownBy(() -> MetricsCredentials.refuseOverlap(
                keys("ops:shared-secret", "other:x"), keys("prom:shared-secret")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("USERPOOLS_METRICS_KEYS")
                .hasMessageContaining("ops/prom")
                .hasMessageNotContaining("shared-secret");
    }

    @Test
    void anIdOfBothKindsRefusesTheStart() {
        assertThatThrownBy(() -> MetricsCredentials.refuseOverlap(keys("ops:admin-secret"), keys("ops:metrics-secret")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(": ops.")
                .hasMessageNotContaining("admin-secret")
                .hasMessageNotContaining("metrics-secret");
    }
}
