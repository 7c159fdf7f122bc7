package io.userpools.userimport;

import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.userpools.support.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UserImportResourceTest {

    static String aliasPool() {
        return Api.createPool(Map.of("name", "import-" + UUID.randomUUID().toString().substring(0, 8),
                "aliasAttributes", List.of("email"), "autoVerifiedAttributes", List.of("email"),
                "usernameCaseSensitive", false,
                "schema", List.of(Map.of("name", "tier", "type", "String", "mutable", true, "maxLength", "5"),
                        Map.of("name", "family_name", "required", true))));
    }

    static ValidatableResponse post(String pool, String csv) {
        return admin().contentType("text/csv").body(csv).post("/pools/{p}/user-import-jobs", pool).then();
    }

    /** Waits for the job to end and answers its description. */
    static JsonPath finished(String pool, String job) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            JsonPath json = admin().get("/pools/{p}/user-import-jobs/{j}", pool, job).then().statusCode(200)
                    .extract().jsonPath();
            String status = json.getString("status");
            if (List.of("Succeeded", "Failed", "Stopped").contains(status)) {
                return json;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the job did not end");
    }

    @Test
    void importsUsersInResetRequiredAndCountsEveryKindOfFailedLine() {
        String pool = aliasPool();
        Api.createUser(pool, "taken", Map.of("family_name", "T", "email", "held@example.com",
                "email_verified", "true"));
        String csv = """
                cognito:username,email,email_verified,family_name,custom:tier,cognito:mfa_enabled
                ann,ann@example.com,true,Smith,gold,false
                bob,"bob@example.com",true,"Jones, Jr.",,false
                ANN,other@example.com,true,Smith,,false
                taken,t2@example.com,true,T,,false
                carl,not-an-email,true,C,,false
                dora,dora@example.com,true,,,false
                emma,held@example.com,true,E,,false
                fred,ann@example.com,true,F,,false
                gina,gina@example.com,false,G,,false
                hank,hank@example.com,true,H,toolong,false
                ivy,ivy@example.com,true,I
                """;
        String job = post(pool, csv).statusCode(201).header("Location", startsWith("http"))
                .body("status", org.hamcrest.Matchers.oneOf("Pending", "InProgress", "Succeeded"))
                .extract().path("jobId");
        JsonPath done = finished(pool, job);
        assertThat(done.getString("status")).isEqualTo("Succeeded");
        assertThat(done.getString("completionMessage")).isEqualTo("Import Job Completed Successfully.");
        assertThat(done.getLong("importedUsers")).isEqualTo(2);
        assertThat(done.getLong("failedUsers")).isEqualTo(9);
        Map<Integer, String> reasons = new java.util.TreeMap<>();
        done.getList("failures", Map.class).forEach(f -> reasons.put((Integer) f.get("line"), (String) f.get("reason")));
        assertThat(reasons).containsEntry(4, "User account already exists")
                .containsEntry(5, "User account already exists")
                .containsEntry(6, "Invalid email address format.")
                .containsEntry(7, "user.family_name: The attribute is required")
                .containsEntry(8, "An account with the given email already exists.")
                .containsEntry(9, "An account with the given email already exists.")
                .containsEntry(12, "The line has 4 fields; the header has 6");
        assertThat(reasons.get(10)).startsWith("At least one auto-verified attribute");
        assertThat(reasons.get(11)).contains("custom:tier");
        admin().get("/pools/{p}/users/ann", pool).then().statusCode(200)
                .body("status", equalTo("RESET_REQUIRED"))
                .body("attributes.'custom:tier'", equalTo("gold"));
        admin().get("/pools/{p}/users/bob@example.com", pool).then().statusCode(200)
                .body("attributes.family_name", equalTo("Jones, Jr."));
        admin().get("/pools/{p}/user-import-jobs", pool).then().statusCode(200)
                .body("jobs.jobId", hasItems(job));
        // one history entry per imported user (V10), the admin key as actor
        assertThat(historyOfImports(pool)).isEqualTo(2);
    }

    static long historyOfImports(String pool) {
        try (java.sql.Connection db = io.userpools.support.Db.connect(); java.sql.PreparedStatement count =
                db.prepareStatement("SELECT count(*) FROM user_history WHERE pool_id = ? AND kind = 'created' "
                        + "AND operation = 'StartUserImportJob' AND version = 1 AND actor ->> 'type' = 'admin' "
                        + "AND changes -> 'status' ->> 'new' = 'RESET_REQUIRED' "
                        + "AND changes -> 'attributes' -> 'email' ->> 'new' IS NOT NULL")) {
            count.setString(1, pool);
            try (java.sql.ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void getCsvHeaderListsTheAttributesThenTheCognitoColumns() {
        String pool = aliasPool();
        List<String> header = admin().get("/pools/{p}/user-import-jobs/csv-header", pool).then().statusCode(200)
                .extract().jsonPath().getList("csvHeader", String.class);
        assertThat(header).doesNotContain("sub").contains("email", "custom:tier");
        assertThat(header.subList(header.size() - 2, header.size()))
                .containsExactly("cognito:mfa_enabled", "cognito:username");
    }

    @Test
    void refusesBadFilesWithTheirReason() {
        String pool = aliasPool();
        problem(post(pool, ""), 400, "InvalidParameterException", "The CSV file is empty: it needs a header line");
        problem(post(pool, "cognito:username,shoe_size\nann,42\n"), 400, "InvalidParameterException",
                "The CSV header names 'shoe_size', which is not an attribute of the user pool (see GetCSVHeader)");
        problem(post(pool, "cognito:username,email,email\n"), 400, "InvalidParameterException",
                "The CSV header names 'email' twice");
        problem(post(pool, "email\n"), 400, "InvalidParameterException",
                "The CSV header must name the column cognito:username");
        problem(post(pool, "cognito:username,email\n\"ann,ann@example.com\n"), 400, "InvalidParameterException",
                "The CSV file is malformed: line 2: a quoted field is not closed");
        problem(post(pool, "cognito:username,email\nann,x\"y\n"), 400, "InvalidParameterException",
                "The CSV file is malformed: line 2: a quote inside an unquoted field");
        problem(post(pool, "cognito:username,family_name\nann," + "x".repeat(9000) + "\n"), 400,
                "InvalidParameterException", "The CSV file is malformed: line 2: a field is longer than 8192 characters");
        byte[] invalid = "cognito:username,family_name\nann,\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        problem(admin().contentType("text/csv").body(invalid).post("/pools/{p}/user-import-jobs", pool).then(), 400,
                "InvalidParameterException", "The CSV file is not UTF-8 text");
        problem(post("us-east-1_nothere", "cognito:username\n"), 404, "ResourceNotFoundException", null);
        admin().get("/pools/{p}/user-import-jobs", pool).then().statusCode(200).body("jobs.size()", equalTo(0));
        problem(admin().get("/pools/{p}/user-import-jobs/import-none", pool).then(), 404,
                "ResourceNotFoundException", null);
    }

    @Test
    void aPoolWithoutAutoVerifiedAttributesTakesNoImport() {
        String pool = Api.createPool();
        problem(post(pool, "cognito:username\nann\n"), 400, "PreconditionNotMetException", null);
    }

    @Test
    void formulaLikeValuesAreStoredAsTheyAreAndNeverQuotedInReasons() {
        String pool = aliasPool();
        String job = post(pool, "cognito:username,email,email_verified,family_name\n"
                + "ann,ann@example.com,true,=HYPERLINK(\"\"x\"\")\n".replace("=HYPERLINK(\"\"x\"\")",
                        "\"=HYPERLINK(\"\"x\"\")\"")
                + "bob,=cmd|' /C calc'!A0,true,B\n").statusCode(201).extract().path("jobId");
        JsonPath done = finished(pool, job);
        assertThat(done.getLong("importedUsers")).isEqualTo(1);
        assertThat(done.getString("failures[0].reason")).doesNotContain("cmd");
        admin().get("/pools/{p}/users/ann", pool).then().statusCode(200)
                .body("attributes.family_name", equalTo("=HYPERLINK(\"x\")"));
    }

    @Test
    void onlyAnAdminMayImport() {
        String pool = aliasPool();
        io.restassured.RestAssured.given().contentType("text/csv").body("cognito:username\n")
                .post("/pools/{p}/user-import-jobs", pool).then().statusCode(401);
    }

    static void problem(ValidatableResponse response, int status, String code, String detail) {
        response.statusCode(status).contentType(PROBLEM).body("code", equalTo(code));
        if (detail != null) {
            response.body("detail", equalTo(detail));
        }
    }
}
