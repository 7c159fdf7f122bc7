package io.userpools.support;

import static io.restassured.RestAssured.given;
import static io.userpools.support.Api.adminJson;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** REST Assured helpers for app clients, passwords, sign-in and self-service calls. */
public final class Auth {

    public static final String PASSWORD = "Corr3ct#Horse";

    private Auth() {
    }

    /** Creates an app client from the given body and answers the whole view. */
    public static JsonPath createClient(String poolId, Map<String, Object> body) {
        return adminJson(body).post("/pools/{poolId}/clients", poolId).then().statusCode(201).extract().jsonPath();
    }

    /** A public client that allows password sign-in and refresh, with default attribute lists. */
    public static String createPasswordClient(String poolId) {
        return createClient(poolId, Map.of("name", "web",
                "explicitAuthFlows", List.of("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")))
                .getString("clientId");
    }

    public static void setPassword(String poolId, String username, String password, boolean permanent) {
        adminJson(Map.of("password", password, "permanent", permanent))
                .put("/pools/{poolId}/users/{username}/password", poolId, username)
                .then().statusCode(204);
    }

    /** A new pool and its password client ({@link #createPasswordClient}), where a sign-in test starts. */
    public record PasswordPool(String poolId, String clientId) {
    }

    /**
     * Creates a pool, a password client and the given users, with no attributes and the password
     * {@link #PASSWORD}, ready to sign in.
     */
    public static PasswordPool passwordPool(String... usernames) {
        String poolId = Api.createPool();
        String clientId = createPasswordClient(poolId);
        for (String username : usernames) {
            confirmedUser(poolId, username, Map.of());
        }
        return new PasswordPool(poolId, clientId);
    }

    /** Creates a user with the given attributes and a permanent password. */
    public static String confirmedUser(String poolId, String username, Map<String, String> attributes) {
        String created = Api.createUser(poolId, username, attributes);
        setPassword(poolId, created, PASSWORD, true);
        return created;
    }

    public static RequestSpecification json(Object body) {
        return given().contentType(ContentType.JSON).body(body);
    }

    /** Signs in and answers the authentication result. */
    public static JsonPath signIn(String clientId, String username, String password) {
        return json(Map.of("clientId", clientId, "username", username, "password", password))
                .post("/auth/sign-in").then().statusCode(200).extract().jsonPath();
    }

    /** Signs in with the default password and answers the access token. */
    public static String accessToken(String clientId, String username) {
        return signIn(clientId, username, PASSWORD).getString("accessToken");
    }

    public static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    /** The decoded payload of a JWT. */
    public static JsonPath payload(String jwt) {
        return new JsonPath(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    /** The decoded header of a JWT. */
    public static JsonPath header(String jwt) {
        return new JsonPath(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8));
    }
}
