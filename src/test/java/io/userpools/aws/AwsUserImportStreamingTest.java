package io.userpools.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.userpools.support.Db;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserImportJobType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

/**
 * The upload is streamed: chunks reach PostgreSQL while the body is still arriving (so the file is
 * never whole in memory), and a body with no Content-Length is cut off at the size limit.
 */
@QuarkusTest
class AwsUserImportStreamingTest extends AwsSdkTest {

    private static final byte[] HEADER = "cognito:username,email,email_verified\n".getBytes(StandardCharsets.UTF_8);

    /** Generated lines, with no end of its own: {@code onProgress} runs once after {@code pauseAt} bytes. */
    private static final class Lines extends InputStream {
        private final long total;
        private final long pauseAt;
        private final Runnable onProgress;
        private long sent;
        private long line;
        private byte[] current = HEADER;
        private int position;

        Lines(long total, long pauseAt, Runnable onProgress) {
            this.total = total;
            this.pauseAt = pauseAt;
            this.onProgress = onProgress;
        }

        @Override
        public int read() {
            if (sent == total) {
                return -1;
            }
            if (sent == pauseAt) {
                onProgress.run();
            }
            if (position == current.length) {
                current = ("u" + line + ",u" + line + "@example.com,true\n").getBytes(StandardCharsets.UTF_8);
                line++;
                position = 0;
            }
            sent++;
            return current[position++];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = 0;
            while (n < len) {
                int c = read();
                if (c < 0) {
                    return n == 0 ? -1 : n;
                }
                b[off + n++] = (byte) c;
                if (sent == pauseAt) {
                    return n;
                }
            }
            return n;
        }
    }

    private UserImportJobType job() {
        String pool = cognito.createUserPool(r -> r.poolName("stream-" + UUID.randomUUID().toString().substring(0, 8))
                .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)).userPool().id();
        return cognito.createUserImportJob(r -> r.userPoolId(pool).jobName("big")
                .cloudWatchLogsRoleArn("arn:aws:iam::123456789012:role/CognitoImport")).userImportJob();
    }

    private static int chunks(String jobId) {
        try (Connection db = Db.connect(); PreparedStatement count = db.prepareStatement(
                "SELECT count(*) FROM user_import_chunks WHERE job_id = ?")) {
            count.setString(1, jobId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int put(String url, InputStream body) throws Exception {
        // ofInputStream sends no Content-Length: the body is chunked, as a generated stream must be
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void chunksAreStoredWhileTheBodyIsStillArriving() throws Exception {
        UserImportJobType job = job();
        int[] seenMidway = {-1};
        long total = 12L << 20;
        long pauseAt = 6L << 20;
        Lines body = new Lines(total, pauseAt, () -> {
            long deadline = System.currentTimeMillis() + 10_000;
            while (chunks(job.jobId()) < 3 && System.currentTimeMillis() < deadline) {
                Thread.onSpinWait();
            }
            seenMidway[0] = chunks(job.jobId());
        });
        assertThat(put(job.preSignedUrl(), body)).isEqualTo(200);
        // half the body was sent and the rest not yet: the server had already stored MiB chunks
        assertThat(seenMidway[0]).isGreaterThanOrEqualTo(3);
        assertThat(chunks(job.jobId())).isGreaterThanOrEqualTo(12);
    }

    @Test
    void aBodyWithoutContentLengthIsCutOffAtTheLimit() throws Exception {
        UserImportJobType job = job();
        long overLimit = (100L << 20) + (1 << 20);
        int status;
        try {
            status = put(job.preSignedUrl(), new Lines(overLimit, -1, () -> { }));
        } catch (java.io.IOException closedMidway) {
            status = 413;
        }
        assertThat(status).isEqualTo(413);
        assertThat(chunks(job.jobId())).isZero();
    }
}
