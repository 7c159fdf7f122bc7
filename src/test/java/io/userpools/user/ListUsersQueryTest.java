package io.userpools.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.userpools.pool.Pool;
import io.userpools.pool.PoolSettings;
import io.userpools.pool.TestPools;
import io.userpools.user.ListUsersQuery.After;
import io.userpools.user.UserFilter.Operator;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ListUsersQueryTest {

    private static final Pool CASE_INSENSITIVE = TestPools.plain();
    private static final Pool CASE_SENSITIVE = caseSensitive(TestPools.plain());
    private static final String SELECT = "SELECT " + UserRepository.COLUMNS + " FROM users WHERE pool_id = $1";

    @Test
    void noFilterNoCursorReadsTheFirstRowsInSubOrder() {
        ListUsersQuery q = ListUsersQuery.build(CASE_SENSITIVE, null, null, 11);
        assertThat(q.sql()).isEqualTo(SELECT + " ORDER BY sub LIMIT $2");
        assertThat(q.parameters()).containsExactly(CASE_SENSITIVE.id(), 11);
    }

    @Test
    void aCursorContinuesAfterTheLastSub() {
        UUID after = UUID.randomUUID();
        ListUsersQuery q = ListUsersQuery.build(CASE_SENSITIVE, null, After.sub(after), 61);
        assertThat(q.sql()).isEqualTo(SELECT + " AND sub > $2 ORDER BY sub LIMIT $3");
        assertThat(q.parameters()).containsExactly(CASE_SENSITIVE.id(), after, 61);
        assertThat(q.orderedBy()).isNull();
    }

    @Test
    void exactMatchOnAColumnIsAnIndexableEquality() {
        ListUsersQuery q = ListUsersQuery.build(CASE_SENSITIVE, new UserFilter("email", Operator.EQUALS, "a@x.io"), null, 5);
        assertThat(q.sql()).isEqualTo(SELECT + " AND email = $2 ORDER BY email USING ~<~, sub LIMIT $3");
        assertThat(q.parameters()).containsExactly(CASE_SENSITIVE.id(), "a@x.io", 5);
        assertThat(q.orderedBy()).isEqualTo("email");
    }

    @Test
    void prefixIsARangeInPatternOrderPlusAnEscapedLike() {
        ListUsersQuery q = ListUsersQuery.build(CASE_SENSITIVE,
                new UserFilter("family_name", Operator.STARTS_WITH, "O_1%\\"), null, 5);
        assertThat(q.sql()).isEqualTo(SELECT + " AND family_name ~>=~ $2 AND family_name ~<~ $3"
                + " AND family_name LIKE $4 ORDER BY family_name USING ~<~, sub LIMIT $5");
        assertThat(q.parameters()).containsExactly(CASE_SENSITIVE.id(), "O_1%\\", "O_1%]", "O\\_1\\%\\\\%", 5);
    }

    @Test
    void aFilteredPageContinuesAfterTheLastValueAndSub() {
        UUID sub = UUID.fromString("00000000-0000-0000-0000-000000000001");
        ListUsersQuery q = ListUsersQuery.build(CASE_SENSITIVE, new UserFilter("email", Operator.STARTS_WITH, "m"),
                new After(sub, "email", "m7@x.io"), 5);
        assertThat(q.sql()).isEqualTo(SELECT + " AND email ~>=~ $2 AND email ~<~ $3 AND email LIKE $4"
                + " AND email ~>=~ $5 AND (email ~>~ $5 OR sub > $6) ORDER BY email USING ~<~, sub LIMIT $7");
        assertThat(q.parameters()).containsExactly(CASE_SENSITIVE.id(), "m", "n", "m%", "m7@x.io", sub, 5);
        assertThat(q.orderedBy()).isEqualTo("email");
    }

    @Test
    void aSubPositionUnderAFilterOnAColumnContinuesInSubOrder() {
        // a token of the version that ordered every listing by sub, in the hour it is still good
        UUID sub = UUID.randomUUID();
        ListUsersQuery q = ListUsersQuery.build(CASE_SENSITIVE, new UserFilter("email", Operator.EQUALS, "a@x.io"),
                After.sub(sub), 5);
        assertThat(q.sql()).isEqualTo(SELECT + " AND email = $2 AND sub > $3 ORDER BY sub LIMIT $4");
        assertThat(q.orderedBy()).isNull();
    }

    @Test
    void usernameFiltersAreOrderedByTheUsernameKey() {
        ListUsersQuery q = ListUsersQuery.build(CASE_INSENSITIVE, new UserFilter("username", Operator.EQUALS, "Bob"),
                new After(UUID.randomUUID(), "username_key", "bob"), 5);
        assertThat(q.sql()).endsWith(" AND username_key ~>=~ $3 AND (username_key ~>~ $3 OR sub > $4)"
                + " ORDER BY username_key USING ~<~, sub LIMIT $5");
        assertThat(q.orderedBy()).isEqualTo("username_key");
    }

    @Test
    void statusAndSubFiltersKeepSubOrder() {
        for (String attribute : new String[] {"status", "cognito:user_status", "sub"}) {
            ListUsersQuery q = ListUsersQuery.build(CASE_SENSITIVE, new UserFilter(attribute, Operator.STARTS_WITH, ""),
                    null, 5);
            assertThat(q.sql()).endsWith(" ORDER BY sub LIMIT $" + q.parameters().size());
            assertThat(q.orderedBy()).isNull();
        }
    }

    @Test
    void emptyPrefixHasNoUpperBound() {
        ListUsersQuery q = ListUsersQuery.build(CASE_SENSITIVE, new UserFilter("name", Operator.STARTS_WITH, ""), null, 5);
        assertThat(q.sql()).isEqualTo(SELECT + " AND name ~>=~ $2 AND name LIKE $3 ORDER BY name USING ~<~, sub LIMIT $4");
    }

    @Test
    void usernameIsMatchedAsGivenInCaseSensitivePools() {
        ListUsersQuery q = ListUsersQuery.build(CASE_SENSITIVE, new UserFilter("username", Operator.EQUALS, "Bob"), null, 5);
        assertThat(q.sql()).contains("AND username_key = $2");
        assertThat(q.parameters()).contains("Bob");
    }

    @Test
    void usernameIsMatchedOnItsKeyInCaseInsensitivePools() {
        ListUsersQuery q = ListUsersQuery.build(CASE_INSENSITIVE, new UserFilter("username", Operator.STARTS_WITH, "Bo"),
                null, 5);
        assertThat(q.sql()).contains("AND username_key ~>=~ $2 AND username_key ~<~ $3 AND username_key LIKE $4");
        assertThat(q.parameters()).contains("bo", "bp", "bo%");
    }

    @Test
    void userStatusIsCaseInsensitiveAndResolvedToKnownStatuses() {
        ListUsersQuery exact = ListUsersQuery.build(CASE_SENSITIVE,
                new UserFilter("cognito:user_status", Operator.EQUALS, "force_change_password"), null, 5);
        assertThat(exact.sql()).contains("AND status = ANY($2)");
        assertThat((String[]) exact.parameters().get(1)).containsExactly("FORCE_CHANGE_PASSWORD");
        ListUsersQuery prefix = ListUsersQuery.build(CASE_SENSITIVE,
                new UserFilter("cognito:user_status", Operator.STARTS_WITH, "Un"), null, 5);
        assertThat((String[]) prefix.parameters().get(1)).containsExactly("UNCONFIRMED");
        ListUsersQuery none = ListUsersQuery.build(CASE_SENSITIVE,
                new UserFilter("cognito:user_status", Operator.EQUALS, "ARCHIVED"), null, 5);
        assertThat((String[]) none.parameters().get(1)).isEmpty();
    }

    @Test
    void enabledStatusIsCaseSensitive() {
        assertThat(condition("status", Operator.EQUALS, "Enabled")).isEqualTo("enabled");
        assertThat(condition("status", Operator.EQUALS, "Disabled")).isEqualTo("NOT enabled");
        assertThat(condition("status", Operator.EQUALS, "enabled")).isEqualTo("FALSE");
        assertThat(condition("status", Operator.STARTS_WITH, "En")).isEqualTo("enabled");
        assertThat(condition("status", Operator.STARTS_WITH, "")).isEqualTo("TRUE");
    }

    @Test
    void subEqualityNeedsTheCanonicalText() {
        UUID sub = UUID.randomUUID();
        ListUsersQuery q = ListUsersQuery.build(CASE_SENSITIVE, new UserFilter("sub", Operator.EQUALS, sub.toString()),
                null, 5);
        assertThat(q.sql()).contains("AND sub = $2");
        assertThat(q.parameters()).contains(sub);
        assertThat(condition("sub", Operator.EQUALS, sub.toString().toUpperCase())).isEqualTo("FALSE");
        assertThat(condition("sub", Operator.EQUALS, "nope")).isEqualTo("FALSE");
    }

    @Test
    void subPrefixIsAUuidRange() {
        ListUsersQuery q = ListUsersQuery.build(CASE_SENSITIVE, new UserFilter("sub", Operator.STARTS_WITH, "ab12345f-9"),
                null, 5);
        assertThat(q.sql()).contains("AND sub >= $2 AND sub <= $3");
        assertThat(q.parameters()).contains(UUID.fromString("ab12345f-9000-0000-0000-000000000000"),
                UUID.fromString("ab12345f-9fff-ffff-ffff-ffffffffffff"));
        assertThat(condition("sub", Operator.STARTS_WITH, "ab12345fg")).isEqualTo("FALSE");
        assertThat(condition("sub", Operator.STARTS_WITH, "AB")).isEqualTo("FALSE");
    }

    @Test
    void aValueWithNulMatchesNothing() {
        assertThat(condition("email", Operator.EQUALS, "a\0b")).isEqualTo("FALSE");
    }

    @Test
    void successorIsTheNextStringInCodePointOrder() {
        assertThat(ListUsersQuery.successor("abc")).isEqualTo("abd");
        assertThat(ListUsersQuery.successor("")).isNull();
        assertThat(ListUsersQuery.successor("a\uD7FF")).isEqualTo("a\uE000");
        assertThat(ListUsersQuery.successor("a" + new String(Character.toChars(0x10FFFF)))).isEqualTo("b");
        assertThat(ListUsersQuery.successor(new String(Character.toChars(0x10FFFF)))).isNull();
        assertThat(ListUsersQuery.successor("x😀")).isEqualTo("x😁");
    }

    @Test
    void likePrefixEscapesWildcardsAndTheEscape() {
        assertThat(ListUsersQuery.likePrefix("a%b_c\\d")).isEqualTo("a\\%b\\_c\\\\d%");
    }

    private static String condition(String attribute, Operator op, String value) {
        String sql = ListUsersQuery.build(CASE_SENSITIVE, new UserFilter(attribute, op, value), null, 5).sql();
        return sql.substring(SELECT.length() + " AND ".length(), sql.indexOf(" ORDER BY"));
    }

    private static Pool caseSensitive(Pool pool) {
        PoolSettings s = pool.settings();
        PoolSettings settings = new PoolSettings(s.usernameAttributes(), s.aliasAttributes(), s.autoVerifiedAttributes(),
                s.attributesRequireVerificationBeforeUpdate(), true, null, null, s.passwordPolicy(), s.tokenValidity());
        return new Pool(pool.id(), pool.name(), settings, pool.schema(), pool.createdAt(), pool.lastModifiedAt());
    }

}
