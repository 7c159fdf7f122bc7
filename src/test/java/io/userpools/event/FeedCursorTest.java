package io.userpools.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userpools.common.error.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class FeedCursorTest {

    private static final String POOL = "us-east-1_Ab3dE6gH9";

    private static String encode(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCursorReadsBackAsItsPosition() {
        FeedCursor cursor = new FeedCursor(POOL, "18446744073709551615", Long.MAX_VALUE);
        assertThat(FeedCursor.parse(POOL, cursor.text())).isEqualTo(cursor);
        assertThat(FeedCursor.parse(POOL, null)).isEqualTo(FeedCursor.start(POOL));
        assertThat(FeedCursor.parse(POOL, "")).isEqualTo(FeedCursor.start(POOL));
        assertThat(cursor.text()).doesNotContain(POOL).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void anotherPoolsCursorIsRefused() {
        String other = new FeedCursor("us-east-1_Zz9yX8wV7", "5", 3).text();
        assertThatThrownBy(() -> FeedCursor.parse(POOL, other)).isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith(FeedCursor.INVALID);
    }

    @Test
    void malformedCursorsAreRefused() {
        for (String text : new String[] {"x", "!!!!", "%%", "a".repeat(FeedCursor.MAX_TEXT + 1),
                encode("ev2:" + POOL + ":1:1"), encode("ev1:" + POOL + ":1"), encode("ev1:" + POOL + ":-1:1"),
                encode("ev1:" + POOL + ":1:-1"), encode("ev1:" + POOL + ":01:1"), encode("ev1:" + POOL + ":1:1:1"),
                encode("ev1:" + POOL + ":18446744073709551616:1"), encode("ev1:" + POOL + ":1:9223372036854775808"),
                encode("ev1:" + POOL + ":1:1\n"), encode("ev1:" + POOL + ":\u0661:1")}) {
            assertThatThrownBy(() -> FeedCursor.parse(POOL, text)).as(text)
                    .isInstanceOf(InvalidParameterException.class);
        }
    }

    @Test
    void limitsAreOneToAThousandWithAHundredByDefault() {
        assertThat(EventService.parseLimit(null)).isEqualTo(100);
        assertThat(EventService.parseLimit("")).isEqualTo(100);
        assertThat(EventService.parseLimit("1")).isEqualTo(1);
        assertThat(EventService.parseLimit("1000")).isEqualTo(1000);
        for (String bad : new String[] {"0", "-1", "1001", " 5", "x", "1e3", "99999999999999999999"}) {
            assertThatThrownBy(() -> EventService.parseLimit(bad)).as(bad)
                    .isInstanceOf(InvalidParameterException.class);
        }
    }
}
