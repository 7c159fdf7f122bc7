package io.userpools.user.rest;

import static io.restassured.RestAssured.given;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.user.rest.AdminCreateUserTest.body;
import static io.userpools.user.rest.AdminCreateUserTest.problem;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.userpools.support.Api;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminGetAndDeleteUserTest {

    @Test
    void adminGetUserByUsernameAndBySubWithEtag() {
        String pool = UserPools.plain(true);
        String sub = adminJson(body("jdoe", Map.of("email", "jdoe@example.com"))).post("/pools/{p}/users", pool)
                .then().statusCode(201).extract().path("sub");
        admin().get("/pools/{p}/users/jdoe", pool).then().statusCode(200).contentType(ContentType.JSON)
                .header("ETag", "\"1\"")
                .body("username", equalTo("jdoe"))
                .body("sub", equalTo(sub))
                .body("status", equalTo("FORCE_CHANGE_PASSWORD"))
                .body("attributes.email", equalTo("jdoe@example.com"));
        admin().get("/pools/{p}/users/{u}", pool, sub).then().statusCode(200).body("username", equalTo("jdoe"));
    }

    @Test
    void aPlainPoolHasNoAliases() {
        String pool = UserPools.plain(true);
        Api.createUser(pool, "jdoe", Map.of("email", "jdoe@example.com", "email_verified", "true"));
        problem(admin().get("/pools/{p}/users/{u}", pool, "jdoe@example.com").then(), 404, "UserNotFoundException");
    }

    @Test
    void adminGetUserByVerifiedEmailAliasIgnoringCase() {
        String pool = UserPools.aliases();
        Api.createUser(pool, "verified", Map.of("email", "v@example.com", "email_verified", "true"));
        Api.createUser(pool, "unverified", Map.of("email", "u@example.com"));
        admin().get("/pools/{p}/users/{u}", pool, "V@Example.com").then().statusCode(200)
                .body("username", equalTo("verified"));
        problem(admin().get("/pools/{p}/users/{u}", pool, "u@example.com").then(), 404, "UserNotFoundException")
                .body("detail", equalTo("User does not exist."));
    }

    @Test
    void adminGetUserByEmailOrPhoneInAUsernameAttributePool() {
        String pool = UserPools.usernameAttributes();
        Map<String, Object> body = body("jane@example.com", Map.of("phone_number", "+14325551212"));
        String sub = adminJson(body).post("/pools/{p}/users", pool).then().statusCode(201).extract().path("sub");
        admin().get("/pools/{p}/users/{u}", pool, "jane@example.com").then().statusCode(200)
                .body("username", equalTo(sub));
        admin().get("/pools/{p}/users/{u}", pool, "+14325551212").then().statusCode(200)
                .body("username", equalTo(sub));
        admin().get("/pools/{p}/users/{u}", pool, sub).then().statusCode(200).body("sub", equalTo(sub));
    }

    @Test
    void unknownUserIsUserNotFound() {
        String pool = UserPools.plain(true);
        problem(admin().get("/pools/{p}/users/nobody", pool).then(), 404, "UserNotFoundException")
                .body("detail", equalTo("User does not exist."));
        problem(admin().get("/pools/{p}/users/{u}", pool, "00000000-0000-0000-0000-000000000000").then(), 404,
                "UserNotFoundException");
    }

    @Test
    void aNulInTheUsernameIsRefusedNotLookedUp() {
        String pool = UserPools.plain(true);
        problem(admin().get("/pools/{p}/users/{u}", pool, "nul\u0000byte").then(), 400, "InvalidParameterException");
    }

    @Test
    void unknownPoolIsResourceNotFound() {
        problem(admin().get("/pools/us-east-1_nope12345/users/a").then(), 404, "ResourceNotFoundException")
                .body("detail", equalTo("User pool us-east-1_nope12345 does not exist."));
        problem(admin().delete("/pools/us-east-1_nope12345/users/a").then(), 404, "ResourceNotFoundException");
    }

    @Test
    void withoutTheAdminKeyIsNotAuthorized() {
        String pool = UserPools.plain(true);
        Api.createUser(pool, "jdoe", Map.of());
        given().get("/pools/{p}/users/jdoe", pool).then().statusCode(401).contentType(PROBLEM)
                .body("code", equalTo("NotAuthorizedException"));
        given().header("Authorization", "Bearer wrong").delete("/pools/{p}/users/jdoe", pool).then().statusCode(401)
                .contentType(PROBLEM).body("code", equalTo("NotAuthorizedException"));
        admin().get("/pools/{p}/users/jdoe", pool).then().statusCode(200);
    }

    @Test
    void adminDeleteUserThenItIsGone() {
        String pool = UserPools.plain(true);
        Api.createUser(pool, "jdoe", Map.of());
        admin().delete("/pools/{p}/users/jdoe", pool).then().statusCode(204);
        problem(admin().get("/pools/{p}/users/jdoe", pool).then(), 404, "UserNotFoundException")
                .body("detail", equalTo("User does not exist."));
        problem(admin().delete("/pools/{p}/users/jdoe", pool).then(), 404, "UserNotFoundException")
                .body("detail", equalTo("User does not exist."));
    }

    @Test
    void deletingByAliasFreesTheUsernameAndTheAlias() {
        String pool = UserPools.aliases();
        Api.createUser(pool, "jdoe", Map.of("email", "j@example.com", "email_verified", "true"));
        admin().delete("/pools/{p}/users/{u}", pool, "j@example.com").then().statusCode(204);
        problem(admin().get("/pools/{p}/users/jdoe", pool).then(), 404, "UserNotFoundException");
        Api.createUser(pool, "jdoe", Map.of("email", "j@example.com", "email_verified", "true"));
        admin().get("/pools/{p}/users/{u}", pool, "j@example.com").then().statusCode(200)
                .body("username", equalTo("jdoe"));
    }

    @Test
    void deletingOneUserLeavesOthers() {
        String pool = UserPools.plain(true);
        Api.createUser(pool, "a", Map.of());
        Api.createUser(pool, "b", Map.of());
        admin().delete("/pools/{p}/users/a", pool).then().statusCode(204);
        admin().get("/pools/{p}/users/b", pool).then().statusCode(200);
    }
}
