package io.userpools.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userpools.common.SecretBox;
import io.userpools.common.error.InvalidParameterException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PaginationTokensTest {

    private static final SecretBox BOX = new SecretBox(new byte[32]);
    private static final Clock ISSUE = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String POOL = "us-east-1_abcdefghi";
    private static final UUID SUB = UUID.fromString("6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b");

    private static PaginationTokens after(Duration elapsed) {
        return new PaginationTokens(BOX, Clock.offset(ISSUE, elapsed));
    }

    @Test
    void aTokenLastsOneHourFromItsIssue() {
        String token = new PaginationTokens(BOX, ISSUE).issue(POOL, SUB);
        assertThat(after(Duration.ZERO).after(POOL, token)).isEqualTo(SUB);
        assertThat(after(PaginationTokens.VALIDITY.minusMillis(1)).after(POOL, token)).isEqualTo(SUB);
        assertThatThrownBy(() -> after(PaginationTokens.VALIDITY).after(POOL, token))
                .isInstanceOf(InvalidParameterException.class).hasMessage("Pagination token has expired");
    }

    @Test
    void onlyTheIssuingPoolAndKeyOpenAnIntactToken() {
        String token = new PaginationTokens(BOX, ISSUE).issue(POOL, SUB);
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        invalid(after(Duration.ZERO), "us-east-1_otherpool", token);
        invalid(new PaginationTokens(new SecretBox(otherKey), ISSUE), POOL, token);
        invalid(after(Duration.ZERO), POOL, token.substring(1));
        invalid(after(Duration.ZERO), POOL, "not base64!");
        invalid(after(Duration.ZERO), POOL, "");
    }

    private static void invalid(PaginationTokens tokens, String pool, String token) {
        assertThatThrownBy(() -> tokens.after(pool, token))
                .isInstanceOf(InvalidParameterException.class).hasMessage("Invalid pagination token");
    }
}
