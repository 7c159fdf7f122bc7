package io.userpools.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userpools.common.error.InvalidParameterException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PaginationTokensTest {

    private static final SecretBox BOX = new SecretBox(new byte[32]);
    private static final Clock ISSUE = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String POOL = "us-east-1_abcdefghi";
    private static final String USERS = PaginationTokens.users(POOL);
    private static final String SUB = "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b";

    private static PaginationTokens after(Duration elapsed) {
        return new PaginationTokens(BOX, Clock.offset(ISSUE, elapsed));
    }

    @Test
    void aTokenLastsOneHourFromItsIssue() {
        String token = new PaginationTokens(BOX, ISSUE).issue(USERS, SUB);
        assertThat(after(Duration.ZERO).position(USERS, token)).isEqualTo(SUB);
        assertThat(after(PaginationTokens.VALIDITY.minusMillis(1)).position(USERS, token)).isEqualTo(SUB);
        assertThatThrownBy(() -> after(PaginationTokens.VALIDITY).position(USERS, token))
                .isInstanceOf(InvalidParameterException.class).hasMessage("Pagination token has expired");
    }

    @Test
    void onlyTheIssuingListingAndKeyOpenAnIntactToken() {
        String token = new PaginationTokens(BOX, ISSUE).issue(USERS, SUB);
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        invalid(after(Duration.ZERO), PaginationTokens.users("us-east-1_otherpool"), token);
        invalid(after(Duration.ZERO), PaginationTokens.POOLS, token);
        invalid(new PaginationTokens(new SecretBox(otherKey), ISSUE), USERS, token);
        invalid(after(Duration.ZERO), USERS, token.substring(1));
        invalid(after(Duration.ZERO), USERS, "not base64!");
        invalid(after(Duration.ZERO), USERS, "");
    }

    @Test
    void aPoolListingTokenOpensOnlyForThePoolListing() {
        String token = new PaginationTokens(BOX, ISSUE).issue(PaginationTokens.POOLS, POOL);
        assertThat(after(Duration.ZERO).position(PaginationTokens.POOLS, token)).isEqualTo(POOL);
        invalid(after(Duration.ZERO), PaginationTokens.users(POOL), token);
    }

    @Test
    void aPositionMayHoldTheSeparator() {
        String token = new PaginationTokens(BOX, ISSUE).issue(PaginationTokens.POOLS, "a|b");
        assertThat(after(Duration.ZERO).position(PaginationTokens.POOLS, token)).isEqualTo("a|b");
    }

    private static void invalid(PaginationTokens tokens, String listing, String token) {
        assertThatThrownBy(() -> tokens.position(listing, token))
                .isInstanceOf(InvalidParameterException.class).hasMessage("Invalid pagination token");
    }
}
