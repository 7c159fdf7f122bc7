package io.userpools.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import io.userpools.pool.PoolSettings.PasswordPolicy;
import io.userpools.user.PasswordPolicyCheck;
import io.userpools.user.TemporaryPasswords;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Generated temporary passwords and their validity (lifecycle spec 5.2), as pure functions. */
class TemporaryPasswordsTest {

    private static final String ALLOWED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
            + "^$*.[]()?!@#%/,:;|_~=+-";

    @Test
    void generatedPasswordsMeetEveryPolicy() {
        Set<String> seen = new HashSet<>();
        for (int length : new int[] {6, 7, 8, 9, 16, 64, 99}) {
            for (int flags = 0; flags < 16; flags++) {
                PasswordPolicy policy = new PasswordPolicy(length, (flags & 1) != 0, (flags & 2) != 0,
                        (flags & 4) != 0, (flags & 8) != 0, 7, 0);
                for (int i = 0; i < 25; i++) {
                    String password = TemporaryPasswords.generate(policy);
                    PasswordPolicyCheck.check(policy, password);
                    PasswordPolicyCheck.check(PasswordPolicy.DEFAULT, password);
                    assertThat(password).hasSize(Math.max(8, length));
                    assertThat(password.chars().allMatch(c -> ALLOWED.indexOf(c) >= 0)).as(password).isTrue();
                    seen.add(password);
                }
            }
        }
        assertThat(seen).hasSize(7 * 16 * 25);
        PasswordPolicyCheck.check(null, TemporaryPasswords.generate(null));
    }

    @Test
    void theClassesSitAnywhere() {
        Set<Character> firsts = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            firsts.add(TemporaryPasswords.generate(PasswordPolicy.DEFAULT).charAt(0));
        }
        assertThat(firsts).anyMatch(Character::isDigit).anyMatch(Character::isLowerCase)
                .anyMatch(c -> !Character.isLetterOrDigit(c));
    }

    @Test
    void validityCountsDaysFromWhenThePasswordWasSet() {
        Instant set = Instant.parse("2026-03-01T10:00:00Z");
        PasswordPolicy oneDay = new PasswordPolicy(8, true, true, true, true, 1, 0);
        assertThat(TemporaryPasswords.expired(oneDay, set, set.plus(Duration.ofDays(1)).minusSeconds(1))).isFalse();
        assertThat(TemporaryPasswords.expired(oneDay, set, set.plus(Duration.ofDays(1)))).isTrue();
        PasswordPolicy zero = new PasswordPolicy(8, true, true, true, true, 0, 0);
        assertThat(TemporaryPasswords.validity(zero)).isEqualTo(Duration.ofDays(7));
        assertThat(TemporaryPasswords.validity(null)).isEqualTo(Duration.ofDays(7));
        assertThat(TemporaryPasswords.validity(new PasswordPolicy(8, true, true, true, true, 365, 0)))
                .isEqualTo(Duration.ofDays(365));
    }
}
