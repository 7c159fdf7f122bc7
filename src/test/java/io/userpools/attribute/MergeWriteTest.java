package io.userpools.attribute;

import static org.assertj.core.api.Assertions.assertThat;

import io.userpools.user.PoolUser;
import io.userpools.user.UserStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The fast path's pure parts: what one write does, and a batch replayed in arrival order. */
class MergeWriteTest {

    private static final Instant BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static MergeWrite write(String... nameValuePairs) {
        Map<String, String> requested = new HashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            requested.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return MergeWrite.of(requested);
    }

    private static PoolUser user(Map<String, String> attributes, long version) {
        return new PoolUser("us-east-1_Abc", UUID.randomUUID(), "u", UserStatus.CONFIRMED, true, null, attributes,
                Map.of(), version, BEFORE, BEFORE, null);
    }

    @Test
    void blankValuesRemoveAndOthersSet() {
        MergeWrite write = write("custom:tier", "gold", "nickname", "", "given_name", null);
        assertThat(write.set()).containsExactly(Map.entry("custom:tier", "gold"));
        assertThat(write.remove()).containsExactlyInAnyOrder("nickname", "given_name");
        assertThat(write.applyTo(Map.of("nickname", "n", "custom:tier", "silver", "sub", "s")))
                .isEqualTo(Map.of("custom:tier", "gold", "sub", "s"));
    }

    @Test
    void replayGivesEachWriteItsOwnStateAndVersion() {
        PoolUser read = user(Map.of("sub", "s", "custom:tier", "silver"), 7);
        List<PoolUser> states = MergeLanes.replay(read,
                List.of(write("custom:tier", "gold"), write("nickname", "n"), write("custom:tier", "")), NOW);
        assertThat(states).extracting(PoolUser::version).containsExactly(8L, 9L, 10L);
        assertThat(states.get(0).attributes()).isEqualTo(Map.of("sub", "s", "custom:tier", "gold"));
        assertThat(states.get(1).attributes()).isEqualTo(Map.of("sub", "s", "custom:tier", "gold", "nickname", "n"));
        assertThat(states.get(2).attributes()).isEqualTo(Map.of("sub", "s", "nickname", "n"));
        assertThat(states).extracting(PoolUser::lastModifiedAt).containsOnly(NOW);
    }

    @Test
    void writesThatChangeNothingKeepTheVersionAndModificationTime() {
        PoolUser read = user(Map.of("sub", "s", "custom:tier", "gold"), 3);
        List<PoolUser> states = MergeLanes.replay(read,
                List.of(write("custom:tier", "gold"), write("nickname", ""), write("custom:tier", "silver"),
                        write("custom:tier", "silver")), NOW);
        assertThat(states).extracting(PoolUser::version).containsExactly(3L, 3L, 4L, 4L);
        assertThat(states.get(0).lastModifiedAt()).isEqualTo(BEFORE);
        assertThat(states.get(3).lastModifiedAt()).isEqualTo(NOW);
        assertThat(states.get(3).attributes()).containsEntry("custom:tier", "silver");
    }

    @Test
    void aWriteWhoseGuardFailedIsLeftOutOfTheReplay() {
        PoolUser read = user(Map.of("sub", "s", "custom:tier", "silver"), 5);
        List<PoolUser> states = MergeLanes.replay(read,
                List.of(write("custom:tier", "gold"), write("nickname", "n"), write("custom:tier", "bronze")),
                List.of(true, false, true), NOW);
        assertThat(states.get(1)).isNull();
        assertThat(states.get(0).version()).isEqualTo(6L);
        assertThat(states.get(2).version()).isEqualTo(7L);
        assertThat(states.get(2).attributes()).isEqualTo(Map.of("sub", "s", "custom:tier", "bronze"));
    }
}
