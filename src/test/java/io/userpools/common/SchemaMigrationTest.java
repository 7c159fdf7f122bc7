package io.userpools.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The start-up check knows the newest migration: adding one without raising LATEST fails here. */
class SchemaMigrationTest {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.+\\.sql");

    @Test
    void latestIsTheHighestMigrationVersion() throws IOException {
        int highest;
        try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "db", "migration"))) {
            highest = files.map(file -> VERSIONED.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(match -> Integer.parseInt(match.group(1)))
                    .max().orElseThrow();
        }
        assertThat(SchemaMigration.LATEST).isEqualTo(highest);
    }

    @Test
    void aSchemaIsCurrentOnlyAtOrAboveTheLatestVersionWithNoFailure() {
        assertThat(new SchemaMigration.Applied(SchemaMigration.LATEST, false).current()).isTrue();
        assertThat(new SchemaMigration.Applied(SchemaMigration.LATEST + 1, false).current()).isTrue();
        assertThat(new SchemaMigration.Applied(SchemaMigration.LATEST - 1, false).current()).isFalse();
        assertThat(new SchemaMigration.Applied(0, false).current()).isFalse();
        assertThat(new SchemaMigration.Applied(SchemaMigration.LATEST, true).current()).isFalse();
    }
}
