package io.userpools.common;

import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Auth.confirmedUser;
import static io.userpools.support.Auth.createClient;
import static io.userpools.support.Auth.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.userpools.auth.PoolKeys;
import io.userpools.client.ClientSecrets;
import io.userpools.event.SubscriptionSecrets;
import io.userpools.pool.PoolSettings;
import io.userpools.pool.TriggerSecrets;
import io.userpools.support.Auth;
import io.userpools.support.Db;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Every value sealed with the token key ring (pool signing keys, client secrets, event
 * subscription secrets, custom message webhook secrets) is sealed again under the current key
 * after a rotation, so that the old key can leave the ring: sealed under A (the service's key),
 * re-sealed with B current and A old, then opened by a ring without A. Its own profile (a fresh
 * database, no re-sealing at start), since the re-sealing covers every row of the database.
 */
@QuarkusTest
@TestProfile(SealedSecretsRotationTest.NoResealAtStart.class)
class SealedSecretsRotationTest {

    public static class NoResealAtStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("userpools.keys.reseal-at-start", "false");
        }
    }

    private static final String HOOK_SECRET = "rotation-hook-secret-0123456789";
    private static final String SUBSCRIPTION_SECRET = "rotation-subscription-secret-0123";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Pool sql;
    @Inject
    Clock clock;
    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "userpools.token.key-encryption-key")
    String keyA;

    private static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** A ring; {@code id} null: derived from the key, as the service does when none is configured. */
    private static KeyRing ring(String current, String id, String... old) {
        return KeyRing.parse("test", current, Optional.ofNullable(id), Optional.of(List.of(old)), 32, 32);
    }

    /** The token ring's participants, with a box of the given ring. */
    private List<Reseal.Participant> participants(KeyRing ring) {
        SecretBox box = new SecretBox(ring);
        return List.of(new PoolKeys(sql, box, clock), new ClientSecrets(sql, box), new SubscriptionSecrets(sql, box),
                new TriggerSecrets(sql, box));
    }

    private List<Reseal.Report> reseal(KeyRing ring) throws Throwable {
        List<Reseal.Report> reports = new ArrayList<>();
        for (Reseal.Participant participant : participants(ring)) {
            reports.add(VertxContextSupport.subscribeAndAwait(participant::resealOld));
        }
        return reports;
    }

    @Test
    void sealedUnderAResealedUnderBStillOpenWithoutA() throws Throwable {
        String poolId = createPool(Map.of("name", "rotation",
                "triggers", Map.of("customMessage", Map.of("url", "http://127.0.0.1:9/hook", "secret", HOOK_SECRET))));
        createClient(poolId, Map.of("name", "server", "generateSecret", true));
        String clientId = Auth.createPasswordClient(poolId);
        confirmedUser(poolId, "ann", Map.of());
        signIn(clientId, "ann", Auth.PASSWORD); // the pool's signing key is made on first use
        adminJson(Map.of("url", "http://127.0.0.1:9/events", "events", List.of("user.created"),
                "secret", SUBSCRIPTION_SECRET)).post("/pools/{p}/subscriptions", poolId).then().statusCode(201);
        List<String> columns = List.of("SELECT private_key_enc FROM pool_keys",
                "SELECT secret_hash FROM app_clients WHERE secret_hash IS NOT NULL",
                "SELECT secret_enc FROM event_subscriptions",
                "SELECT decode(settings -> 'triggers' -> 'customMessage' ->> 'sealedSecret', 'base64') FROM pools "
                        + "WHERE settings -> 'triggers' -> 'customMessage' IS NOT NULL");
        KeyRing a = ring(keyA, null);
        for (String column : columns) {
            assertThat(values(column)).as(column).isNotEmpty()
                    .allSatisfy(value -> assertThat(a.isCurrent(value)).isTrue());
        }

        // B current, A old: everything A sealed is sealed again under B
        String keyB = newKey();
        List<Reseal.Report> reports = reseal(ring(keyB, "k-b", keyA));
        assertThat(reports).extracting(Reseal.Report::what).containsExactly("pool signing keys", "client secrets",
                "event subscription secrets", "custom message webhook secrets");
        assertThat(reports).allSatisfy(report -> {
            assertThat(report.resealed()).as(report.what()).isPositive();
            assertThat(report.left()).as(report.what()).isZero();
            assertThat(report.keyId()).isEqualTo("k-b");
        });
        KeyRing b = ring(keyB, "k-b");
        for (String column : columns) {
            assertThat(values(column)).as(column).allSatisfy(value -> assertThat(b.isCurrent(value)).isTrue());
        }

        // A removed: a ring of B alone opens everything (a further rotation to C with only B old
        // re-seals every value, leaving none that no key opens), and the webhook secret is the one given
        String keyC = newKey();
        KeyRing cb = ring(keyC, "k-c", "k-b:" + keyB);
        assertThat(reseal(cb)).allSatisfy(report -> {
            assertThat(report.left()).as(report.what()).isZero();
            assertThat(report.resealed()).as(report.what()).isPositive();
        });
        PoolSettings settings = json.readValue(text("SELECT settings::text FROM pools WHERE id = '" + poolId + "'"),
                PoolSettings.class);
        assertThat(settings.triggers().customMessage().secret()).isNull();
        assertThat(new TriggerSecrets(sql, new SecretBox(ring(keyC, "k-c")))
                .secret(poolId, settings.triggers().customMessage())).isEqualTo(HOOK_SECRET);
        assertThat(new TriggerSecrets(sql, new SecretBox(a)).secret(poolId, settings.triggers().customMessage()))
                .as("A no longer opens it").isNull();

        // and back to the service's own key, so that the service can go on with this database
        assertThat(reseal(ring(keyA, null, "k-c:" + keyC))).allSatisfy(report ->
                assertThat(report.left()).as(report.what()).isZero());
        signIn(clientId, "ann", Auth.PASSWORD);
    }

    private static List<byte[]> values(String query) throws SQLException {
        List<byte[]> out = new ArrayList<>();
        try (Connection db = Db.connect(); PreparedStatement s = db.prepareStatement(query);
                ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                out.add(rows.getBytes(1));
            }
        }
        return out;
    }

    private static String text(String query) throws SQLException {
        try (Connection db = Db.connect(); PreparedStatement s = db.prepareStatement(query);
                ResultSet rows = s.executeQuery()) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
