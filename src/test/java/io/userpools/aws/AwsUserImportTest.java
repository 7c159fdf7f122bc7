package io.userpools.aws;

import static io.userpools.aws.AwsClients.awsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.userpools.support.Db;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserImportJobType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

@QuarkusTest
class AwsUserImportTest extends AwsSdkTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/CognitoImport";
    private static final String CSV = """
            cognito:username,email,email_verified,cognito:mfa_enabled
            ann,ann@example.com,true,false
            bob,bob@example.com,true,false
            bob,bob2@example.com,true,false
            """;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private String importPool() {
        return cognito.createUserPool(r -> r.poolName("imp-" + UUID.randomUUID().toString().substring(0, 8))
                .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)).userPool().id();
    }

    private UserImportJobType create(String pool) {
        return cognito.createUserImportJob(r -> r.userPoolId(pool).jobName("migration")
                .cloudWatchLogsRoleArn(ROLE)).userImportJob();
    }

    /** A plain HTTP PUT to the PreSignedUrl, as Cognito's users upload with curl. */
    static int put(String url, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private UserImportJobType finished(String pool, String job) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            UserImportJobType described = cognito.describeUserImportJob(r -> r.userPoolId(pool).jobId(job))
                    .userImportJob();
            if (List.of("Succeeded", "Failed", "Stopped").contains(described.statusAsString())) {
                return described;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the job did not end");
    }

    @Test
    void createUploadStartDescribeAndList() throws Exception {
        String pool = importPool();
        assertThat(cognito.getCSVHeader(r -> r.userPoolId(pool)).csvHeader())
                .contains("email", "email_verified").endsWith("cognito:mfa_enabled", "cognito:username");
        UserImportJobType job = create(pool);
        assertThat(job.jobId()).startsWith("import-");
        assertThat(job.statusAsString()).isEqualTo("Created");
        assertThat(job.cloudWatchLogsRoleArn()).isEqualTo(ROLE);
        assertThat(job.preSignedUrl()).startsWith(root.toString().replaceAll("/$", "") + "/user-import-uploads/");
        assertThat(put(job.preSignedUrl(), CSV)).isEqualTo(200);

        UserImportJobType started = cognito.startUserImportJob(r -> r.userPoolId(pool).jobId(job.jobId()))
                .userImportJob();
        assertThat(started.statusAsString()).isIn("Pending", "InProgress");
        assertThat(started.startDate()).isNotNull();
        UserImportJobType done = finished(pool, job.jobId());
        assertThat(done.statusAsString()).isEqualTo("Succeeded");
        assertThat(done.importedUsers()).isEqualTo(2);
        assertThat(done.failedUsers()).isEqualTo(1);
        assertThat(done.completionDate()).isNotNull();
        assertThat(done.completionMessage()).isEqualTo("Import Job Completed Successfully.");
        assertThat(cognito.adminGetUser(r -> r.userPoolId(pool).username("ann")).userStatus())
                .isEqualTo(UserStatusType.RESET_REQUIRED);
        assertThat(cognito.listUserImportJobs(r -> r.userPoolId(pool).maxResults(10)).userImportJobs())
                .extracting(UserImportJobType::jobId).containsExactly(job.jobId());

        // the URL is single-job and refused once the job has started
        assertThat(put(job.preSignedUrl(), CSV)).isEqualTo(403);
        // a job that ended cannot be started or stopped
        AwsSdkTest.assertError(awsError(() -> cognito.startUserImportJob(r -> r.userPoolId(pool)
                .jobId(job.jobId()))), "InvalidParameterException", null);
        AwsSdkTest.assertError(awsError(() -> cognito.stopUserImportJob(r -> r.userPoolId(pool)
                .jobId(job.jobId()))), "PreconditionNotMetException", null);
    }

    @Test
    void theUploadUrlChecksItsSecret() throws Exception {
        String pool = importPool();
        UserImportJobType one = create(pool);
        UserImportJobType two = create(pool);
        String secretOfTwo = two.preSignedUrl().substring(two.preSignedUrl().indexOf("?token="));
        String base = one.preSignedUrl().substring(0, one.preSignedUrl().indexOf('?'));
        assertThat(put(base + secretOfTwo, CSV)).isEqualTo(403);
        assertThat(put(base, CSV)).isEqualTo(403);
        assertThat(put(base + "?token=" + "A".repeat(43), CSV)).isEqualTo(403);
        assertThat(put(one.preSignedUrl(), "cognito:username,shoe_size\n")).isEqualTo(400);
        // expired
        try (Connection db = Db.connect(); PreparedStatement expire = db.prepareStatement(
                "UPDATE user_import_jobs SET upload_expires_at = now() - interval '1 second' WHERE id = ?")) {
            expire.setString(1, one.jobId());
            expire.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(put(one.preSignedUrl(), CSV)).isEqualTo(403);
        // nothing uploaded: the job cannot start
        AwsSdkTest.assertError(awsError(() -> cognito.startUserImportJob(r -> r.userPoolId(pool)
                .jobId(one.jobId()))), "PreconditionNotMetException", null);
    }

    @Test
    void errors() {
        String pool = importPool();
        AwsSdkTest.assertError(awsError(() -> cognito.describeUserImportJob(r -> r.userPoolId(pool)
                .jobId("import-nothere"))), "ResourceNotFoundException", null);
        AwsSdkTest.assertError(awsError(() -> cognito.describeUserImportJob(r -> r.userPoolId(pool)
                .jobId("not-a-job"))), "InvalidParameterException", null);
        AwsSdkTest.assertError(awsError(() -> cognito.createUserImportJob(r -> r.userPoolId(pool).jobName("x")
                .cloudWatchLogsRoleArn("not-an-arn-at-all-really"))), "InvalidParameterException", null);
        AwsSdkTest.assertError(awsError(() -> cognito.listUserImportJobs(r -> r.userPoolId(pool).maxResults(61))),
                "InvalidParameterException", null);
        AwsSdkTest.assertError(awsError(() -> cognito.getCSVHeader(r -> r.userPoolId("us-east-1_nothere1"))),
                "ResourceNotFoundException", null);
        String plain = AwsClients.newPool(cognito);
        UserImportJobType job = create(plain);
        AwsSdkTest.assertError(awsError(() -> cognito.startUserImportJob(r -> r.userPoolId(plain)
                .jobId(job.jobId()))), "PreconditionNotMetException", null);
    }

    @Test
    void anImportedUserIsToldToResetThePassword() throws Exception {
        String pool = importPool();
        String client = AwsClients.newClient(cognito, pool,
                software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType
                        .ALLOW_USER_PASSWORD_AUTH,
                software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType
                        .ALLOW_REFRESH_TOKEN_AUTH);
        UserImportJobType job = create(pool);
        assertThat(put(job.preSignedUrl(), CSV)).isEqualTo(200);
        cognito.startUserImportJob(r -> r.userPoolId(pool).jobId(job.jobId()));
        finished(pool, job.jobId());
        AwsSdkTest.assertError(awsError(() -> cognito.initiateAuth(r -> r.clientId(client)
                .authFlow("USER_PASSWORD_AUTH").authParameters(java.util.Map.of("USERNAME", "ann",
                        "PASSWORD", "Any#Passw0rd")))), "PasswordResetRequiredException",
                "Password reset required for the user");
    }
}
