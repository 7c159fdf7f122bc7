package io.userpools.user;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userpools.common.error.InvalidPasswordException;
import io.userpools.pool.PoolSettings.PasswordPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyCheckTest {

    private static final PasswordPolicy NOTHING_REQUIRED = new PasswordPolicy(6, false, false, false, false, 7, 0);

    @Test
    void aPasswordMeetingTheDefaultPolicyPasses() {
        assertThatCode(() -> PasswordPolicyCheck.check(PasswordPolicy.DEFAULT, "Temp#Passw0rd")).doesNotThrowAnyException();
    }

    @Test
    void nullPolicyMeansTheDefault() {
        assertFails(null, "temp#passw0rd", PasswordPolicyCheck.NEEDS_UPPERCASE);
        assertThatCode(() -> PasswordPolicyCheck.check(null, "Temp#Passw0rd")).doesNotThrowAnyException();
    }

    @Test
    void tooShortIsNotLongEnoughBeforeAnyOtherRule() {
        assertFails(PasswordPolicy.DEFAULT, "aA1#", PasswordPolicyCheck.NOT_LONG_ENOUGH);
        assertFails(PasswordPolicy.DEFAULT, "x", PasswordPolicyCheck.NOT_LONG_ENOUGH);
        assertFails(PasswordPolicy.DEFAULT, null, PasswordPolicyCheck.NOT_LONG_ENOUGH);
    }

    @Test
    void lengthCountsCodePointsAndHonoursThePoolMinimum() {
        PasswordPolicy twelve = new PasswordPolicy(12, false, false, false, false, 7, 0);
        assertFails(twelve, "abcdefghijk", PasswordPolicyCheck.NOT_LONG_ENOUGH);
        assertThatCode(() -> PasswordPolicyCheck.check(twelve, "abcdefghijkl")).doesNotThrowAnyException();
        // 6 emoji are 12 UTF-16 units but 6 characters
        assertFails(new PasswordPolicy(7, false, false, false, false, 7, 0), "😀😀😀😀😀😀",
                PasswordPolicyCheck.NOT_LONG_ENOUGH);
    }

    @Test
    void eachRequiredClassHasItsOwnText() {
        assertFails(PasswordPolicy.DEFAULT, "TEMP#PASSW0RD", PasswordPolicyCheck.NEEDS_LOWERCASE);
        assertFails(PasswordPolicy.DEFAULT, "temp#passw0rd", PasswordPolicyCheck.NEEDS_UPPERCASE);
        assertFails(PasswordPolicy.DEFAULT, "Temp#Password", PasswordPolicyCheck.NEEDS_NUMERIC);
        assertFails(PasswordPolicy.DEFAULT, "TempPassw0rd", PasswordPolicyCheck.NEEDS_SYMBOL);
    }

    @Test
    void textsAreCognitos() {
        assertFails(PasswordPolicy.DEFAULT, "short",
                "Password did not conform with policy: Password not long enough");
        assertFails(PasswordPolicy.DEFAULT, "TempPassw0rd",
                "Password did not conform with policy: Password must have symbol characters");
    }

    @Test
    void challengeAndAdminPathsSayDoesNotConformTo() {
        assertThatThrownBy(() -> PasswordPolicyCheck.checkChallengeOrAdmin(PasswordPolicy.DEFAULT, "short"))
                .isInstanceOf(InvalidPasswordException.class)
                .hasMessage("Password does not conform to policy: Password not long enough");
        assertThatThrownBy(() -> PasswordPolicyCheck.checkChallengeOrAdmin(PasswordPolicy.DEFAULT, "temppassw0rd#"))
                .hasMessage("Password does not conform to policy: Password must have uppercase characters");
        PasswordPolicyCheck.checkChallengeOrAdmin(PasswordPolicy.DEFAULT, "Temp#Passw0rd");
    }

    @Test
    void rulesThePolicyDoesNotRequireAreNotChecked() {
        assertThatCode(() -> PasswordPolicyCheck.check(NOTHING_REQUIRED, "aaaaaa")).doesNotThrowAnyException();
        assertThatCode(() -> PasswordPolicyCheck.check(NOTHING_REQUIRED, "123456")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"^", "$", "*", ".", "[", "]", "{", "}", "(", ")", "?", "\"", "!", "@", "#", "%", "&",
        "/", "\\", ",", ">", "<", "'", ":", ";", "|", "_", "~", "`", "=", "+", "-", " "})
    void everyCognitoSymbolCounts(String symbol) {
        assertThatCode(() -> PasswordPolicyCheck.check(PasswordPolicy.DEFAULT, "Abcdef1" + symbol))
                .doesNotThrowAnyException();
    }

    @Test
    void lettersOutsideAsciiCountForCase() {
        assertThatCode(() -> PasswordPolicyCheck.check(PasswordPolicy.DEFAULT, "ÄÖÜäöü1#")).doesNotThrowAnyException();
        assertFails(PasswordPolicy.DEFAULT, "Abcdef1§", PasswordPolicyCheck.NEEDS_SYMBOL);
    }

    private static void assertFails(PasswordPolicy policy, String password, String message) {
        assertThatThrownBy(() -> PasswordPolicyCheck.check(policy, password))
                .isInstanceOf(InvalidPasswordException.class)
                .hasMessage(message);
    }
}
