package io.userpools.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.elytron.security.common.BcryptUtil;
import java.security.spec.InvalidKeySpecException;
import org.junit.jupiter.api.Test;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

/**
 * A check without a stored hash (unknown user, user without a password) is a real bcrypt check of
 * the same cost against the dummy hash, so its timing does not tell such users apart.
 */
class PasswordsTest {

    private static int cost(String hash) throws InvalidKeySpecException {
        return ((BCryptPassword) ModularCrypt.decode(hash)).getIterationCount();
    }

    @Test
    void theDummyHashIsABcryptHashOfTheCostOfStoredOnes() throws InvalidKeySpecException {
        String stored = Passwords.hash("Corr3ct#Horse").await().indefinitely();
        assertThat(cost(stored)).isEqualTo(Passwords.COST);
        assertThat(cost(Passwords.DUMMY_HASH)).isEqualTo(Passwords.COST);
        assertThat(Passwords.DUMMY_HASH).startsWith(stored.substring(0, 7)).hasSameSizeAs(stored);
    }

    @Test
    void aCheckWithoutAHashIsFalseAfterRealBcryptWork() {
        assertThat(Passwords.check("Corr3ct#Horse", null)).isFalse();
        assertThat(Passwords.check("", null)).isFalse();
        // a lower bound only (a slow machine cannot fail it): bcrypt of cost 10 takes tens of
        // milliseconds, a skipped check microseconds
        long started = System.nanoTime();
        Passwords.check("Corr3ct#Horse", null);
        assertThat(System.nanoTime() - started).isGreaterThan(5_000_000L);
    }

    @Test
    void storedHashesStillMatch() {
        String stored = BcryptUtil.bcryptHash("Corr3ct#Horse");
        assertThat(Passwords.check("Corr3ct#Horse", stored)).isTrue();
        assertThat(Passwords.check("Wr0ng#Pass", stored)).isFalse();
    }
}
