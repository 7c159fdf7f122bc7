package io.userpools.userimport;

import static io.userpools.support.Api.admin;
import static io.userpools.userimport.UserImportResourceTest.aliasPool;
import static io.userpools.userimport.UserImportResourceTest.finished;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.userpools.support.Db;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * A job whose runner went away (a restart, a crash) is resumed by the sweep from the last line it
 * committed, or, when its file can no longer be read, ends Failed with the reason: never left
 * InProgress. The runner's death is staged in the database: the job is InProgress under a lease
 * nobody renews, its heartbeat old.
 */
@QuarkusTest
class UserImportRecoveryTest {

    private static final String HEADER = "cognito:username,email,email_verified,family_name\n";

    @Test
    void aQuietJobResumesAfterItsLastCommittedLine() {
        String pool = aliasPool();
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 10; i++) {
            csv.append("u").append(i).append(",u").append(i).append("@example.com,true,F\n");
        }
        // an empty file, so that the first run finishes at once; the rows come with the staging
        String job = UserImportResourceTest.post(pool, HEADER).statusCode(201).extract().path("jobId");
        finished(pool, job);
        sql("DELETE FROM user_import_chunks WHERE job_id = ?", job);
        sql("INSERT INTO user_import_chunks (pool_id, job_id, seq, data) SELECT pool_id, id, 0, convert_to('"
                + csv + "', 'UTF8') FROM user_import_jobs WHERE id = ?", job);
        sql("UPDATE user_import_jobs SET status = 'InProgress', lease = gen_random_uuid(), rows_done = 3, "
                + "imported_users = 3, completed_at = NULL, completion_message = NULL, "
                + "heartbeat_at = now() - interval '1 hour' WHERE id = ?", job);
        JsonPath done = finished(pool, job);
        assertThat(done.getString("status")).isEqualTo("Succeeded");
        assertThat(done.getLong("importedUsers")).isEqualTo(10);
        // lines 2-4 counted as done before the "crash" are not imported again; the rest are
        admin().get("/pools/{p}/users/u2", pool).then().statusCode(404);
        admin().get("/pools/{p}/users/u3", pool).then().statusCode(200);
        admin().get("/pools/{p}/users/u9", pool).then().statusCode(200);
        // resumed in batches written at once: one created entry per user written after the resume
        assertThat(UserImportResourceTest.historyOfImports(pool)).isEqualTo(7);
    }

    @Test
    void aQuietJobWhoseFileIsUnreadableEndsFailed() {
        String pool = aliasPool();
        String job = UserImportResourceTest.post(pool, HEADER).statusCode(201).extract().path("jobId");
        finished(pool, job);
        sql("INSERT INTO user_import_chunks (pool_id, job_id, seq, data) SELECT pool_id, id, 0, "
                + "'\\x636f676e69746f3a757365726e616d650a6ae9'::bytea FROM user_import_jobs WHERE id = ?", job);
        sql("UPDATE user_import_jobs SET status = 'InProgress', lease = gen_random_uuid(), completed_at = NULL, "
                + "heartbeat_at = now() - interval '1 hour' WHERE id = ?", job);
        JsonPath done = finished(pool, job);
        assertThat(done.getString("status")).isEqualTo("Failed");
        assertThat(done.getString("completionMessage")).isEqualTo("The CSV file is not UTF-8 text");
    }

    static void sql(String statement, String job) {
        try (Connection db = Db.connect(); PreparedStatement update = db.prepareStatement(statement)) {
            update.setString(1, job);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
