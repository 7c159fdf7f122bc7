package io.userpools.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userpools.common.error.InvalidParameterException;
import io.userpools.user.UserFilter.Operator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class UserFilterTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t"})
    void noFilterMatchesEveryone(String filter) {
        assertThat(UserFilter.parse(filter)).isEmpty();
    }

    @Test
    void exactMatch() {
        assertThat(UserFilter.parse("email = \"a@example.com\""))
                .contains(new UserFilter("email", Operator.EQUALS, "a@example.com"));
    }

    @Test
    void prefixMatch() {
        assertThat(UserFilter.parse("family_name ^= \"Red\""))
                .contains(new UserFilter("family_name", Operator.STARTS_WITH, "Red"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"name=\"Jo\"", "name =\"Jo\"", "name= \"Jo\"", "  name   =   \"Jo\"  ", "\tname\t=\t\"Jo\"\t"})
    void spacesAroundTheOperatorAreOptional(String filter) {
        assertThat(UserFilter.parse(filter)).contains(new UserFilter("name", Operator.EQUALS, "Jo"));
    }

    @Test
    void prefixOperatorWithoutSpaces() {
        assertThat(UserFilter.parse("username^=\"jo\"")).contains(new UserFilter("username", Operator.STARTS_WITH, "jo"));
    }

    @Test
    void escapedQuotesAndBackslashesAreUnescaped() {
        assertThat(UserFilter.parse("name = \"say \\\"hi\\\" \\\\ now\"")).map(UserFilter::value)
                .contains("say \"hi\" \\ now");
    }

    @Test
    void otherBackslashesAndLikeWildcardsAreKeptLiterally() {
        assertThat(UserFilter.parse("name = \"a\\nb%_\"")).map(UserFilter::value).contains("a\\nb%_");
    }

    @Test
    void valueMayBeEmptyOrContainOperatorsAndSpaces() {
        assertThat(UserFilter.parse("name = \"\"")).map(UserFilter::value).contains("");
        assertThat(UserFilter.parse("name ^= \"a = ^= b\"")).map(UserFilter::value).contains("a = ^= b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"username", "email", "phone_number", "name", "given_name", "family_name",
        "preferred_username", "cognito:user_status", "status", "sub"})
    void everySearchableAttributeIsAccepted(String attribute) {
        assertThat(UserFilter.parse(attribute + " = \"x\"")).map(UserFilter::attribute).contains(attribute);
    }

    @ParameterizedTest
    @ValueSource(strings = {"custom:tier", "nickname", "email_verified", "Email", "dev:custom:legacy"})
    void otherAttributesCantBeSearched(String attribute) {
        assertThatThrownBy(() -> UserFilter.parse(attribute + " = \"x\""))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("Invalid search attribute: " + attribute);
    }

    @ParameterizedTest
    @ValueSource(strings = {"email", "email =", "email = x", "email = \"x", "= \"x\"", "email == \"x\"",
        "email != \"x\"", "email ~= \"x\"", "email = \"x\" and name = \"y\"", "email = \"x\"\"", "email \"x\"",
        "email ^ \"x\"", "email = 'x'", "\"email\" = \"x\"", "email = \"x\\\""})
    void malformedFiltersAreParseErrors(String filter) {
        assertThatThrownBy(() -> UserFilter.parse(filter))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage(UserFilter.PARSE_ERROR);
    }

    @Test
    void syntaxIsCheckedBeforeTheAttribute() {
        assertThatThrownBy(() -> UserFilter.parse("custom:tier = gold"))
                .hasMessage(UserFilter.PARSE_ERROR);
    }

    @Test
    void filtersLongerThan256CharactersAreRefused() {
        String ok = "name = \"" + "a".repeat(256 - 9) + "\"";
        assertThat(ok).hasSize(256);
        assertThat(UserFilter.parse(ok)).isPresent();
        assertThatThrownBy(() -> UserFilter.parse("name = \"" + "a".repeat(256 - 8) + "\""))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Member must have length less than or equal to 256");
    }
}
