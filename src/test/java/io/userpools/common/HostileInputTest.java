package io.userpools.common;

import static io.restassured.RestAssured.given;
import static io.userpools.support.Api.ADMIN_SECRET;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Api.createUser;
import static io.userpools.support.Auth.accessToken;
import static io.userpools.support.Auth.bearer;
import static io.userpools.support.Auth.confirmedUser;
import static io.userpools.support.Auth.createPasswordClient;
import static io.userpools.support.Auth.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every pattern-checked field of every operation, sent worst-case values (issue 12, defect 2):
 * long runs of one character ending in one the pattern refuses, at the field's maximum length,
 * one over it, and a mebibyte (less the JSON around it, to stay under the body limit). Before,
 * 2,000 characters ending in a space kept the password pattern busy for 9 s on the event loop.
 * Every answer must be a 4xx problem+json well within the bound (a safety bound, not a benchmark).
 */
@QuarkusTest
class HostileInputTest {

    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final int MIB = (1 << 20) - 1024;

    /** A field: its name, the longest value it takes, a character its rule refuses, and how to send a value. */
    record Field(String name, int max, char refused, Function<String, Response> send) {
    }

    @Test
    void worstCaseValuesAreRefusedQuicklyEverywhere() {
        String poolId = createPool(Map.of("name", "hostile", "schema", List.of(
                Map.of("name", "tier", "type", "String", "mutable", true),
                Map.of("name", "level", "type", "Number", "mutable", true))));
        String clientId = createPasswordClient(poolId);
        confirmedUser(poolId, "alice", Map.of("email", "alice@example.com"));
        createUser(poolId, "bob", Map.of());
        String token = accessToken(clientId, "alice");
        String session = "s".repeat(40);

        List<Field> fields = List.of(
                new Field("createUserPool name", 128, '!', v -> adminJson(Map.of("name", v)).post("/pools")),
                new Field("createUserPool schema.name", 20, ' ', v -> adminJson(Map.of("name", "p",
                        "schema", List.of(Map.of("name", v, "type", "String")))).post("/pools")),
                new Field("createUserPool emailVerificationMessage", 20_000, '!', v -> adminJson(Map.of("name", "p",
                        "messaging", Map.of("email", Map.of("message", v)))).post("/pools")),
                new Field("createUserPoolClient name", 128, '!', v -> adminJson(Map.of("name", v))
                        .post("/pools/{p}/clients", poolId)),
                new Field("adminCreateUser username", 128, ' ', v -> adminJson(Map.of("username", v))
                        .post("/pools/{p}/users", poolId)),
                new Field("adminCreateUser temporaryPassword", 256, ' ', v -> adminJson(Map.of("username", "u1",
                        "temporaryPassword", v)).post("/pools/{p}/users", poolId)),
                new Field("adminCreateUser messageAction", 16, '!', v -> adminJson(Map.of("username", "u2",
                        "messageAction", v)).post("/pools/{p}/users", poolId)),
                new Field("adminCreateUser email", 2048, ' ', v -> adminJson(Map.of("username", "u3",
                        "attributes", Map.of("email", v))).post("/pools/{p}/users", poolId)),
                new Field("adminSetUserPassword password", 256, ' ', v -> adminJson(Map.of("password", v,
                        "permanent", true)).put("/pools/{p}/users/bob/password", poolId)),
                new Field("adminUpdateUserAttributes email", 2048, ' ', v -> adminJson(Map.of("attributes",
                        Map.of("email", v))).patch("/pools/{p}/users/bob/attributes", poolId)),
                new Field("adminUpdateUserAttributes phone_number", 2048, 'x', v -> adminJson(Map.of("attributes",
                        Map.of("phone_number", "+" + v))).patch("/pools/{p}/users/bob/attributes", poolId)),
                new Field("adminUpdateUserAttributes custom:level", 2048, 'x', v -> adminJson(Map.of("attributes",
                        Map.of("custom:level", v.replace('a', '1')))).patch("/pools/{p}/users/bob/attributes", poolId)),
                new Field("adminGetUser username", 128, ' ', v -> given().header("Authorization", "Bearer " + ADMIN_SECRET)
                        .get("/pools/{p}/users/{u}", poolId, inUrl(v))),
                new Field("listUsers filter", 256, ' ', v -> admin()
                        .queryParam("filter", "email = \"" + inUrl(v))
                        .get("/pools/{p}/users", poolId)),
                new Field("initiateAuth clientId", 128, ' ', v -> json(Map.of("clientId", v, "username", "alice",
                        "password", "x")).post("/auth/sign-in")),
                new Field("refresh clientId", 128, ' ', v -> json(Map.of("clientId", v, "refreshToken", "x"))
                        .post("/auth/refresh")),
                new Field("respondToAuthChallenge clientId", 128, ' ', v -> json(Map.of("clientId", v,
                        "challengeName", "NEW_PASSWORD_REQUIRED", "session", session, "username", "alice",
                        "newPassword", "x")).post("/auth/respond-to-challenge")),
                new Field("respondToAuthChallenge challengeName", 32, '!', v -> json(Map.of("clientId", clientId,
                        "challengeName", v, "session", session, "username", "alice", "newPassword", "x"))
                        .post("/auth/respond-to-challenge")),
                new Field("updateUserAttributes email", 2048, ' ', v -> bearer(token).contentType(ContentType.JSON)
                        .body(Map.of("attributes", Map.of("email", v))).patch("/me/attributes")),
                new Field("verifyUserAttribute code", 2048, ' ', v -> bearer(token).contentType(ContentType.JSON)
                        .body(Map.of("code", v)).post("/me/attributes/email/verify")));

        List<String> failures = new ArrayList<>();
        for (Field field : fields) {
            for (String value : worstCases(field)) {
                Response answer = assertTimeoutPreemptively(BOUND, () -> field.send().apply(value),
                        () -> field.name() + " with " + value.length() + " characters took longer than " + BOUND);
                if (answer.statusCode() < 400 || answer.statusCode() > 499
                        || !String.valueOf(answer.contentType()).startsWith(PROBLEM)) {
                    failures.add(field.name() + " with " + value.length() + " characters: " + answer.statusCode()
                            + " " + answer.contentType());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /**
     * A value cut to what fits a request line: Vert.x answers a line over 4 KiB
     * (quarkus.http.limits.max-initial-line-length) with a bare 414 before any route runs.
     */
    private static String inUrl(String value) {
        return value.length() > 1000 ? value.substring(0, 1000) : value;
    }

    /** Runs of one character ending in a refused one: at the maximum, one over it, a mebibyte; and alternations. */
    private static List<String> worstCases(Field field) {
        String last = String.valueOf(field.refused());
        return List.of("a".repeat(field.max() - 1) + last, "a".repeat(field.max()) + last,
                "_".repeat(field.max()) + last, "a".repeat(MIB) + last, ("a" + last).repeat(MIB / 2),
                " ".repeat(MIB) + "a" + last);
    }
}
