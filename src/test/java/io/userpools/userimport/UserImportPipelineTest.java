package io.userpools.userimport;

import static io.userpools.support.Api.admin;
import static io.userpools.userimport.UserImportResourceTest.aliasPool;
import static io.userpools.userimport.UserImportResourceTest.finished;
import static io.userpools.userimport.UserImportResourceTest.historyOfImports;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.userpools.support.Api;
import io.userpools.support.Db;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The import's pipeline (ImportRunner): batches of three lines in the tests, two written at once,
 * each committing after the one before it. Duplicates between a batch and the next are caught as
 * within one batch; a line refused in one batch frees its username for the next; a long file ends
 * with every line counted once and one history entry per user.
 */
@QuarkusTest
class UserImportPipelineTest {

    private static final String HEADER = "cognito:username,email,email_verified,family_name\n";

    @Test
    void duplicatesBetweenABatchAndTheNextFailTheLaterLine() {
        String pool = aliasPool();
        Api.createUser(pool, "holder", Map.of("family_name", "H", "email", "held@example.com",
                "email_verified", "true"));
        String csv = HEADER
                // batch 1: lines 2-4
                + "a0,a0@example.com,true,F\n"
                + "a1,a1@example.com,true,F\n"
                + "a2,held@example.com,true,F\n"
                // batch 2: lines 5-7, written while batch 1 may still be
                + "A1,b1@example.com,true,F\n"
                + "x1,A0@example.com,true,F\n"
                + "a2,a2@example.com,true,F\n"
                // batch 3: lines 8-10
                + "c0,c0@example.com,true,F\n"
                + "c1,a2@example.com,true,F\n"
                + "c2,c2@example.com,true,F\n";
        String job = UserImportResourceTest.post(pool, csv).statusCode(201).extract().path("jobId");
        JsonPath done = finished(pool, job);
        assertThat(done.getString("status")).isEqualTo("Succeeded");
        Map<Integer, String> reasons = new TreeMap<>();
        done.getList("failures", Map.class).forEach(f -> reasons.put((Integer) f.get("line"), (String) f.get("reason")));
        assertThat(reasons).isEqualTo(Map.of(
                4, "An account with the given email already exists.",
                5, "User account already exists",
                6, "An account with the given email already exists.",
                9, "An account with the given email already exists."));
        assertThat(done.getLong("importedUsers")).isEqualTo(5);
        assertThat(done.getLong("failedUsers")).isEqualTo(4);
        assertThat(done.getLong("skippedUsers")).isZero();
        // the username of line 4, refused for its email, went to line 7
        admin().get("/pools/{p}/users/a2", pool).then().statusCode(200)
                .body("attributes.email", equalTo("a2@example.com"));
        admin().get("/pools/{p}/users/a1", pool).then().statusCode(200)
                .body("attributes.email", equalTo("a1@example.com"));
        assertThat(historyOfImports(pool)).isEqualTo(5);
    }

    @Test
    void aLongFileCountsEveryLineOnceAndWritesOneHistoryEntryPerUser() {
        String pool = aliasPool();
        StringBuilder csv = new StringBuilder(HEADER);
        int users = 301;
        for (int i = 0; i < users; i++) {
            csv.append("u").append(i).append(",u").append(i).append("@example.com,true,F\n");
        }
        // one bad line in the middle and a duplicate of the first user at the end
        csv.append("bad,not-an-email,true,F\n").append("U0,z@example.com,true,F\n");
        String job = UserImportResourceTest.post(pool, csv.toString()).statusCode(201).extract().path("jobId");
        JsonPath done = finished(pool, job);
        assertThat(done.getString("status")).isEqualTo("Succeeded");
        assertThat(done.getLong("importedUsers")).isEqualTo(users);
        assertThat(done.getLong("failedUsers")).isEqualTo(2);
        assertThat(historyOfImports(pool)).isEqualTo(users);
        assertThat(count("SELECT count(*) FROM users WHERE pool_id = ? AND status = 'RESET_REQUIRED'", pool))
                .isEqualTo(users);
        assertThat(count("SELECT count(*) FROM user_aliases WHERE pool_id = ?", pool)).isEqualTo(users);
        assertThat(count("SELECT rows_done FROM user_import_jobs WHERE pool_id = ?", pool)).isEqualTo(users + 2);
    }

    static long count(String query, String pool) {
        return Db.number(query, pool);
    }
}
