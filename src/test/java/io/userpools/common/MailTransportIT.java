package io.userpools.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.userpools.support.Db;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged service in its prod profile sends no mail to an SMTP server that does not offer
 * STARTTLS (GreenMail's plain SMTP), unless QUARKUS_MAILER_START_TLS says otherwise. Runs the jar
 * that the build made ({@link PackagedApp}), with the database of the other ITs.
 */
class MailTransportIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String ADMIN = "Bearer test-admin-secret";

    @ParameterizedTest
    @CsvSource({"'', false", "DISABLED, true"})
    void prodRequiresStartTlsUnlessTheEnvironmentSaysOtherwise(String startTls, boolean delivered) throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(PackagedApp.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        int port = PackagedApp.freePort();
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", Integer.toString(smtp.getSmtp().getPort()));
        env.put("QUARKUS_MAILER_FROM", "noreply@userpools.test");
        env.put("QUARKUS_MAILER_START_TLS", startTls.isEmpty() ? null : startTls);
        String address = "tls-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        try (PackagedApp app = PackagedApp.start(env)) {
            app.awaitReady(port);
            String base = "http://127.0.0.1:" + port;
            String poolId = JSON.readTree(call(base + "/pools", "POST", Map.of("name", "tls-" + port,
                    "autoVerifiedAttributes", List.of("email")), 201)).path("id").asText();
            call(base + "/pools/" + poolId + "/users", "POST", Map.of("username", "tia", "attributes", Map.of(),
                    "temporaryPassword", "Temp#Passw0rd"), 201);
            call(base + "/pools/" + poolId + "/users/tia/attributes", "PATCH",
                    Map.of("attributes", Map.of("email", address)), 200);
            if (delivered) {
                long deadline = System.currentTimeMillis() + 30_000;
                while (received(smtp, address) == 0 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(received(smtp, address)).as(app.log()).isEqualTo(1);
            } else {
                long deadline = System.currentTimeMillis() + 30_000;
                while (failedAttempts(poolId) == 0 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(failedAttempts(poolId)).as("a failed attempt is recorded\n%s", app.log()).isPositive();
                assertThat(smtp.getReceivedMessages()).isEmpty();
                assertThat(app.log()).doesNotContain(address);
                // the message would go out with the next service that may send without STARTTLS
                try (Connection db = Db.connect();
                        PreparedStatement s = db.prepareStatement("DELETE FROM outbox WHERE pool_id = ?")) {
                    s.setString(1, poolId);
                    s.executeUpdate();
                }
            }
        } finally {
            smtp.stop();
        }
    }

    private static long received(GreenMail smtp, String address) throws Exception {
        long count = 0;
        for (var message : smtp.getReceivedMessages()) {
            for (var recipient : message.getAllRecipients()) {
                if (recipient.toString().equals(address)) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Attempts of the pool's queued message that failed (its row is still there, with an error). */
    private static int failedAttempts(String poolId) throws Exception {
        try (Connection db = Db.connect(); PreparedStatement s = db.prepareStatement(
                "SELECT attempts FROM outbox WHERE pool_id = ? AND last_error IS NOT NULL")) {
            s.setString(1, poolId);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        }
    }

    private static String call(String url, String method, Object body, int status) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", ADMIN).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + url + ": " + response.body()).isEqualTo(status);
        return response.body();
    }
}
