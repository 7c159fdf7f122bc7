package io.userpools.common;

import static io.restassured.RestAssured.given;
import static io.userpools.support.Api.ADMIN_SECRET;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Api.createUser;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.userpools.support.Auth;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Input that is not well-formed Unicode, or holds NUL, is refused with 400 InvalidParameterException
 * and changes nothing (issue 12, defect 3): JSON escapes of lone surrogates, bytes that are not UTF-8
 * in the body, and the same in path segments and query parameters. Before, {@code "\ud800"} was
 * stored as {@code ?} and a NUL in a username reached PostgreSQL on the PATCH fast path.
 */
@QuarkusTest
class UnicodeInputTest {

    /** Byte sequences that are not UTF-8: a stray byte, overlong NUL and '/', an encoded surrogate, above U+10FFFF, a cut-off sequence. */
    private static final List<int[]> NOT_UTF8 = List.of(new int[] {0xFF}, new int[] {0xC0, 0x80}, new int[] {0xC0, 0xAF},
            new int[] {0xED, 0xA0, 0x80}, new int[] {0xF4, 0x90, 0x80, 0x80}, new int[] {0xE2, 0x82});

    @Test
    void aLoneSurrogateInAnAttributeValueIsRefusedNotStoredAsAQuestionMark() {
        String poolId = createPool();
        createUser(poolId, "carol", Map.of("nickname", "c"));
        for (String escaped : List.of("\\ud800", "a\\udc00", "\\ud800\\ud800", "\\udfff\\ud800")) {
            patchRaw(poolId, "carol", ascii("{\"attributes\":{\"nickname\":\"" + escaped + "\"}}"))
                    .statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"))
                    .body("detail", equalTo("Field 'attributes.nickname' is not valid Unicode"));
        }
        patchRaw(poolId, "carol", ascii("{\"attributes\":{\"custom:tier\":\"x\\ud83d\"}}")).statusCode(400)
                .body("detail", equalTo("Field 'attributes.custom:tier' is not valid Unicode"));
        // Jackson's parser itself refuses a lone surrogate in a name (as malformed JSON)
        patchRaw(poolId, "carol", ascii("{\"attributes\":{\"nick\\ud800\":\"x\"}}")).statusCode(400)
                .contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
        patchRaw(poolId, "carol", ascii("{\"attributes\":{\"nick\\u0000\":\"x\"}}")).statusCode(400)
                .body("detail", equalTo("A name in 'attributes' must not contain NUL"));
        patchRaw(poolId, "carol", ascii("{\"attributes\":{\"nickname\":\"x\"},\"clientMetadata\":{\"k\":\"\\ud800\"}}"))
                .statusCode(400).body("detail", equalTo("Field 'clientMetadata.k' is not valid Unicode"));
        assertUnchanged(poolId, "carol");
        // a well-formed pair is fine and comes back as it was sent
        patchRaw(poolId, "carol", ascii("{\"attributes\":{\"nickname\":\"\\ud83d\\ude00\"}}")).statusCode(200);
        admin().get("/pools/{p}/users/carol", poolId).then().body("attributes.nickname", equalTo("\ud83d\ude00"));
    }

    @Test
    void bodyBytesThatAreNotUtf8AreRefused() {
        String poolId = createPool();
        createUser(poolId, "carol", Map.of("nickname", "c"));
        for (int[] bad : NOT_UTF8) {
            patchRaw(poolId, "carol", bytes("{\"attributes\":{\"nickname\":\"a", bad, "b\"}}"))
                    .statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"))
                    .body("detail", equalTo("Request body is not valid UTF-8"));
        }
        assertUnchanged(poolId, "carol");
        admin().contentType(ContentType.JSON).body(bytes("{\"username\":\"dave", new int[] {0xC0, 0x80}, "\"}"))
                .post("/pools/{p}/users", poolId).then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"));
        admin().get("/pools/{p}/users", poolId).then().statusCode(200).body("users.size()", equalTo(1));
    }

    @Test
    void nulInAUsernameIsRefusedOnEveryRoute() {
        String poolId = createPool();
        createUser(poolId, "carol", Map.of("nickname", "c"));
        String user = "/pools/" + poolId + "/users/car%00ol";
        List<ValidatableResponse> answers = List.of(
                raw().contentType(ContentType.JSON).body("{\"attributes\":{\"nickname\":\"x\"}}").patch(user + "/attributes").then(),
                raw().delete(user + "/attributes?name=nickname").then(),
                raw().get(user).then(),
                raw().delete(user).then(),
                raw().contentType(ContentType.JSON).body("{\"password\":\"Perm#Passw0rd\",\"permanent\":true}")
                        .put(user + "/password").then(),
                raw().post(user + "/disable").then(),
                raw().post(user + "/enable").then(),
                raw().post(user + "/global-sign-out").then());
        for (ValidatableResponse answer : answers) {
            answer.statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"))
                    .body("detail", equalTo("The request path must not contain NUL"));
        }
        admin().contentType(ContentType.JSON).body("{\"username\":\"car\\u0000ol\",\"temporaryPassword\":\"Temp#Passw0rd\"}")
                .post("/pools/{p}/users", poolId).then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"))
                .body("detail", equalTo("Field 'username' must not contain NUL"));
        String clientId = Auth.createPasswordClient(poolId);
        Auth.json(Map.of("clientId", clientId, "username", "car\u0000ol", "password", "Perm#Passw0rd"))
                .post("/auth/sign-in").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"));
        assertUnchanged(poolId, "carol");
    }

    @Test
    void pathSegmentsAndQueryParametersThatAreNotUtf8AreRefused() {
        String poolId = createPool();
        createUser(poolId, "carol", Map.of("nickname", "c"));
        for (String bad : List.of("%FF", "%C0%80", "%ED%A0%80", "%F4%90%80%80", "%E2%82")) {
            raw().contentType(ContentType.JSON).body("{\"attributes\":{\"nickname\":\"x\"}}")
                    .patch("/pools/" + poolId + "/users/carol" + bad + "/attributes").then()
                    .statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"))
                    .body("detail", equalTo("The request path is not valid UTF-8"));
            raw().get("/pools/" + poolId + "/users?filter=username%20%3D%20%22carol" + bad + "%22").then()
                    .statusCode(400).contentType(PROBLEM).body("detail", equalTo("The query string is not valid UTF-8"));
            raw().delete("/pools/" + poolId + "/users/carol/attributes?name=nickname" + bad).then()
                    .statusCode(400).contentType(PROBLEM).body("detail", equalTo("The query string is not valid UTF-8"));
        }
        raw().get("/pools/" + poolId + "/users?filter=username%20%3D%20%22car%00ol%22").then()
                .statusCode(400).contentType(PROBLEM).body("detail", equalTo("The query string must not contain NUL"));
        raw().delete("/pools/" + poolId + "/users/carol/attributes?name=nick%00name").then()
                .statusCode(400).contentType(PROBLEM).body("detail", equalTo("The query string must not contain NUL"));
        assertUnchanged(poolId, "carol");
        // well-formed escapes still work
        raw().get("/pools/" + poolId + "/users/car%6Fl").then().statusCode(200).body("username", equalTo("carol"));
    }

    private static RequestSpecification raw() {
        return given().urlEncodingEnabled(false).header("Authorization", "Bearer " + ADMIN_SECRET);
    }

    private static ValidatableResponse patchRaw(String poolId, String username, byte[] body) {
        return admin().contentType(ContentType.JSON).body(body)
                .patch("/pools/{p}/users/{u}/attributes", poolId, username).then();
    }

    private static void assertUnchanged(String poolId, String username) {
        admin().get("/pools/{p}/users/{u}", poolId, username).then().statusCode(200)
                .body("version", equalTo(1)).body("attributes.nickname", equalTo("c"));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(String before, int[] raw, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        for (int b : raw) {
            out.write(b);
        }
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
