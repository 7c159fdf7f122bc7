package io.userpools.invitation;

import static io.userpools.invitation.InvitationTest.create;
import static io.userpools.invitation.InvitationTest.pool;
import static io.userpools.invitation.InvitationTest.problem;
import static io.userpools.invitation.InvitationTest.signIn;
import static io.userpools.invitation.InvitationTest.user;
import static io.userpools.support.Auth.createPasswordClient;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.userpools.support.Auth;
import io.userpools.support.Db;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A temporary password expires TemporaryPasswordValidityDays after it was set (lifecycle spec
 * 5.2). The service reads time from its injected clock; instead of waiting days, the test moves
 * the user's stored instants (creation, password set) into the past by the time that passed.
 */
@QuarkusTest
class TemporaryPasswordExpiryTest {

    static final String EXPIRED = "Temporary password has expired and must be reset by an administrator.";

    /** As if {@code ago} had passed since the user's row was written. */
    static void age(String poolId, Duration ago) {
        try (Connection c = Db.connect(); PreparedStatement s = c.prepareStatement("UPDATE users SET "
                + "created_at = created_at - make_interval(secs => ?), "
                + "password_set_at = password_set_at - make_interval(secs => ?) WHERE pool_id = ?")) {
            s.setLong(1, ago.toSeconds());
            s.setLong(2, ago.toSeconds());
            s.setString(3, poolId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String suppressedUser(String poolId, String username) {
        Map<String, Object> body = user(username, Map.of());
        body.put("temporaryPassword", "Temp#Passw0rd");
        body.put("messageAction", "SUPPRESS");
        create(poolId, body).statusCode(201);
        return username;
    }

    @Test
    void theTemporaryPasswordWorksUntilItsValidityEnds() {
        String poolId = pool(Map.of("passwordPolicy", Map.of("temporaryPasswordValidityDays", 1)));
        String clientId = createPasswordClient(poolId);
        suppressedUser(poolId, "rex");
        age(poolId, Duration.ofHours(23));
        signIn(clientId, "rex", "Temp#Passw0rd").statusCode(200)
                .body("challengeName", equalTo("NEW_PASSWORD_REQUIRED"));
        age(poolId, Duration.ofHours(2));
        problem(signIn(clientId, "rex", "Temp#Passw0rd"), 401, "NotAuthorizedException")
                .body("detail", equalTo(EXPIRED));
        problem(signIn(clientId, "rex", "Wr0ng#Password"), 401, "NotAuthorizedException")
                .body("detail", equalTo("Incorrect username or password."));
    }

    @Test
    void theDefaultValidityIsSevenDaysAndZeroMeansTheDefault() {
        for (Map<String, Object> settings : java.util.List.<Map<String, Object>>of(Map.of(),
                Map.of("passwordPolicy", Map.of("temporaryPasswordValidityDays", 0)))) {
            String poolId = pool(settings);
            String clientId = createPasswordClient(poolId);
            suppressedUser(poolId, "sam");
            age(poolId, Duration.ofDays(7).minusMinutes(5));
            signIn(clientId, "sam", "Temp#Passw0rd").statusCode(200);
            age(poolId, Duration.ofMinutes(10));
            problem(signIn(clientId, "sam", "Temp#Passw0rd"), 401, "NotAuthorizedException")
                    .body("detail", equalTo(EXPIRED));
        }
    }

    @Test
    void resendAndATemporaryAdminPasswordStartTheValidityAgain() {
        String poolId = pool(Map.of("passwordPolicy", Map.of("temporaryPasswordValidityDays", 1)));
        String clientId = createPasswordClient(poolId);
        suppressedUser(poolId, "tom");
        age(poolId, Duration.ofDays(2));
        problem(signIn(clientId, "tom", "Temp#Passw0rd"), 401, "NotAuthorizedException")
                .body("detail", equalTo(EXPIRED));

        Map<String, Object> resend = user("tom", Map.of());
        resend.put("messageAction", "RESEND");
        resend.put("temporaryPassword", "Fresh#Passw0rd");
        create(poolId, resend).statusCode(201);
        signIn(clientId, "tom", "Fresh#Passw0rd").statusCode(200)
                .body("challengeName", equalTo("NEW_PASSWORD_REQUIRED"));

        age(poolId, Duration.ofDays(2));
        problem(signIn(clientId, "tom", "Fresh#Passw0rd"), 401, "NotAuthorizedException")
                .body("detail", equalTo(EXPIRED));
        Auth.setPassword(poolId, "tom", "Admin#Passw0rd", false);
        signIn(clientId, "tom", "Admin#Passw0rd").statusCode(200)
                .body("challengeName", equalTo("NEW_PASSWORD_REQUIRED"));
    }

    @Test
    void aPermanentPasswordNeverExpires() {
        String poolId = pool(Map.of("passwordPolicy", Map.of("temporaryPasswordValidityDays", 1)));
        String clientId = createPasswordClient(poolId);
        Auth.confirmedUser(poolId, "uma", Map.of());
        age(poolId, Duration.ofDays(30));
        signIn(clientId, "uma", Auth.PASSWORD).statusCode(200).body("accessToken", org.hamcrest.Matchers.notNullValue());
    }
}
