package io.userpools.common;

import static io.restassured.RestAssured.given;
import static io.userpools.support.Api.ADMIN_SECRET;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request log line and the request metrics; secrets sent in requests never reach the log. */
@QuarkusTest
class RequestLogTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            if (record.getParameters() != null) {
                message = message + " " + java.util.Arrays.toString(record.getParameters());
            }
            lines.add(record.getLoggerName() + " " + message
                    + (record.getThrown() == null ? "" : " " + stackOf(record.getThrown())));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void everyRequestGetsOneKeyValueLineWithIdOperationPoolStatusAndDuration() throws InterruptedException {
        String poolId = createPool();
        String requestId = "log-test-" + UUID.randomUUID();
        admin().header("X-Request-Id", requestId).when().get("/pools/{id}", poolId).then().statusCode(200);

        String line = awaitLine(requestId);
        assertThat(line).matches(".*request id=" + requestId + " op=describeUserPool pool=" + poolId
                + " method=GET status=200 duration_ms=[0-9]+\\.[0-9]\\b.*");
        assertThat(lines.stream().filter(l -> l.contains(requestId))).hasSize(1);
    }

    @Test
    void requestsAreTimedPerCognitoOperation() {
        String poolId = createPool();
        admin().when().get("/pools/{id}", poolId).then().statusCode(200);
        String metrics = io.userpools.support.Api.admin().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern("userpools_requests_seconds_count\\{operation=\"createUserPool\",status=\"201\"} [1-9]")
                .containsPattern("userpools_requests_seconds_count\\{operation=\"describeUserPool\",status=\"200\"} [1-9]")
                .contains("userpools_outbox_backlog");
    }

    @Test
    void attributeValuesClientMetadataPasswordsAndTokensNeverReachTheLog() throws InterruptedException {
        String secret = "planted" + UUID.randomUUID().toString().replace("-", "");
        String poolId = createPool();
        String requestId = "secret-test-" + UUID.randomUUID();
        adminJson(Map.of("username", "u" + secret.substring(7, 15),
                "attributes", Map.of("custom:tier", secret + "-attr"),
                "temporaryPassword", "Aa1#" + secret + "-pw",
                "clientMetadata", Map.of("note", secret + "-meta")))
                .header("X-Request-Id", requestId)
                .when().post("/pools/{id}/users", poolId).then().statusCode(201);
        // refused input (clientMetadata values must be strings) carrying the same secrets
        adminJson(Map.of("username", "v" + secret.substring(7, 15),
                "attributes", Map.of("custom:tier", secret + "-bad"),
                "temporaryPassword", secret + "-weak",
                "clientMetadata", Map.of("note", Map.of("nested", secret + "-meta2"))))
                .when().post("/pools/{id}/users", poolId).then().statusCode(400);
        // a wrong bearer token, and the right one
        given().header("Authorization", "Bearer " + secret + "-token").when().get("/pools/{id}", poolId)
                .then().statusCode(401);
        admin().when().get("/pools/{id}", poolId).then().statusCode(200);

        awaitLine(requestId);
        Thread.sleep(200); // the other answers' lines
        assertThat(lines).isNotEmpty();
        assertThat(lines).noneMatch(l -> l.contains(secret));
        assertThat(lines).noneMatch(l -> l.contains(ADMIN_SECRET));
    }

    private String awaitLine(String requestId) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            for (String line : lines) {
                if (line.contains("request id=" + requestId)) {
                    return line;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no log line for " + requestId + " among " + lines);
    }

    private static String stackOf(Throwable t) {
        var out = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
