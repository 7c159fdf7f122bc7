package io.userpools.user.rest;

import static io.restassured.RestAssured.given;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.userpools.support.Api;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminCreateUserTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void createsAUserInForceChangePasswordWithLocationAndEtag() {
        String pool = UserPools.plain(true);
        ValidatableResponse created = post(pool, body("jdoe", Map.of("email", "jdoe@example.com", "custom:tier", "gold")))
                .statusCode(201).contentType(ContentType.JSON)
                .header("Location", endsWith("/pools/" + pool + "/users/jdoe"))
                .header("ETag", "\"1\"")
                .body("username", equalTo("jdoe"))
                .body("sub", matchesPattern(UUID_PATTERN))
                .body("status", equalTo("FORCE_CHANGE_PASSWORD"))
                .body("enabled", equalTo(true))
                .body("version", equalTo(1))
                .body("attributes.email", equalTo("jdoe@example.com"))
                .body("attributes.'custom:tier'", equalTo("gold"))
                .body("pendingAttributes", aMapWithSize(0))
                .body("$", not(hasKey("password")))
                .body("$", not(hasKey("passwordHash")));
        String sub = created.extract().path("sub");
        String createdAt = created.extract().path("createdAt");
        created.body("attributes.sub", equalTo(sub)).body("lastModifiedAt", equalTo(createdAt));
    }

    @Test
    void locationEncodesUsernamesWithTemplateCharacters() {
        String pool = UserPools.plain(true);
        post(pool, body("{odd}", Map.of())).statusCode(201)
                .header("Location", endsWith("/users/%7Bodd%7D"))
                .body("username", equalTo("{odd}"));
    }

    @Test
    void aTakenUsernameIsUsernameExists() {
        String pool = UserPools.plain(true);
        Api.createUser(pool, "jdoe", Map.of());
        problem(post(pool, body("jdoe", Map.of())), 409, "UsernameExistsException")
                .body("detail", equalTo("User account already exists"));
    }

    @Test
    void caseSensitivePoolsKeepUsernamesThatDifferOnlyInCaseApart() {
        String pool = UserPools.plain(true);
        Api.createUser(pool, "Bob", Map.of());
        Api.createUser(pool, "bob", Map.of());
        admin().get("/pools/{p}/users/{u}", pool, "BOB").then().statusCode(404);
    }

    @Test
    void caseInsensitivePoolsTreatUsernamesThatDifferOnlyInCaseAsOne() {
        String pool = UserPools.plain(false);
        Api.createUser(pool, "Bob", Map.of());
        problem(post(pool, body("bOB", Map.of())), 409, "UsernameExistsException");
        admin().get("/pools/{p}/users/{u}", pool, "BOB").then().statusCode(200).body("username", equalTo("Bob"));
    }

    @Test
    void usernameShapeIsChecked() {
        String pool = UserPools.plain(true);
        problem(post(pool, body("with space", Map.of())), 400, "InvalidParameterException");
        problem(post(pool, body("", Map.of())), 400, "InvalidParameterException");
        problem(post(pool, body("x".repeat(129), Map.of())), 400, "InvalidParameterException")
                .body("detail", equalTo("1 validation error detected: Value at 'username' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 128"))
                .body("violations[0].field", equalTo("username"));
        problem(post(pool, Map.of("attributes", Map.of())), 400, "InvalidParameterException")
                .body("detail", equalTo("1 validation error detected: Value at 'username' failed to satisfy "
                        + "constraint: Member must not be null"));
        post(pool, body("x".repeat(128), Map.of())).statusCode(201);
        post(pool, body("ünïcødé-名前_1.2@x", Map.of())).statusCode(201);
    }

    @Test
    void attributesGoThroughTheAttributePolicy() {
        String pool = UserPools.plain(true);
        problem(post(pool, body("a", Map.of("foo", "x"))), 400, "InvalidParameterException")
                .body("detail", equalTo("user.foo: Attribute does not exist in the schema."));
        problem(post(pool, body("a", Map.of("sub", "x"))), 400, "InvalidParameterException")
                .body("detail", equalTo("user.sub: Attribute cannot be updated."));
        problem(post(pool, body("a", Map.of("email_verified", "true"))), 400, "InvalidParameterException")
                .body("detail", equalTo("Email is required to verify/un-verify an email"));
        problem(post(pool, body("a", Map.of("email", "not-an-email"))), 400, "InvalidParameterException")
                .body("detail", equalTo("Invalid email address format."));
        problem(post(pool, body("a", Map.of("email", "a\u0000b@example.com"))), 400, "InvalidParameterException");
        admin().get("/pools/{p}/users/a", pool).then().statusCode(404);
    }

    @Test
    void blankAttributeValuesAreIgnored() {
        String pool = UserPools.plain(true);
        post(pool, body("a", Map.of("email", "", "name", "Ann"))).statusCode(201)
                .body("attributes", not(hasKey("email")))
                .body("attributes.name", equalTo("Ann"));
    }

    @Test
    void temporaryPasswordMustMeetTheDefaultPolicy() {
        String pool = UserPools.plain(true);
        problem(post(pool, withPassword("a", "Sh0rt#")), 400, "InvalidPasswordException")
                .body("detail", equalTo("Password does not conform to policy: Password not long enough"));
        problem(post(pool, withPassword("a", "temp#passw0rd")), 400, "InvalidPasswordException")
                .body("detail", equalTo("Password does not conform to policy: Password must have uppercase characters"));
        problem(post(pool, withPassword("a", "TEMP#PASSW0RD")), 400, "InvalidPasswordException")
                .body("detail", equalTo("Password does not conform to policy: Password must have lowercase characters"));
        problem(post(pool, withPassword("a", "Temp#Password")), 400, "InvalidPasswordException")
                .body("detail", equalTo("Password does not conform to policy: Password must have numeric characters"));
        problem(post(pool, withPassword("a", "TempPassw0rd")), 400, "InvalidPasswordException")
                .body("detail", equalTo("Password does not conform to policy: Password must have symbol characters"));
        problem(post(pool, withPassword("a", "has space#A1")), 400, "InvalidParameterException");
        admin().get("/pools/{p}/users/a", pool).then().statusCode(404);
    }

    @Test
    void temporaryPasswordFollowsThePoolsOwnPolicy() {
        String pool = UserPools.withPasswordPolicy(14, false, true, false, false);
        problem(post(pool, withPassword("a", "Temp#Passw0rd")), 400, "InvalidPasswordException")
                .body("detail", equalTo("Password does not conform to policy: Password not long enough"));
        post(pool, withPassword("a", "lowercaseonlyxx")).statusCode(201);
        post(pool, Map.of("username", "generated")).statusCode(201);
    }

    @Test
    void messageActionAndClientMetadataAreAcceptedAndChecked() {
        String pool = UserPools.plain(true);
        Map<String, Object> ok = body("a", Map.of());
        ok.put("messageAction", "SUPPRESS");
        ok.put("clientMetadata", Map.of("source", "crm"));
        post(pool, ok).statusCode(201).body("$", not(hasKey("clientMetadata")));
        Map<String, Object> badAction = body("b", Map.of());
        badAction.put("messageAction", "SHOUT");
        problem(post(pool, badAction), 400, "InvalidParameterException");
        Map<String, Object> bigMetadata = body("c", Map.of());
        bigMetadata.put("clientMetadata", Map.of("k", "v".repeat(131_073)));
        problem(post(pool, bigMetadata), 400, "InvalidParameterException");
        Map<String, Object> unknown = body("d", Map.of());
        unknown.put("desiredColour", "blue");
        problem(post(pool, unknown), 400, "InvalidParameterException")
                .body("detail", equalTo("Unknown field 'desiredColour'"));
    }

    @Test
    void usernameAttributePoolsMakeTheUsernameTheSub() {
        String pool = UserPools.usernameAttributes();
        ValidatableResponse created = post(pool, body("Jane@Example.com", Map.of("name", "Jane"))).statusCode(201)
                .body("username", matchesPattern(UUID_PATTERN))
                .body("attributes.email", equalTo("Jane@Example.com"));
        String sub = created.extract().path("sub");
        created.body("username", equalTo(sub));
        post(pool, body("+14325551212", Map.of())).statusCode(201)
                .body("attributes.phone_number", equalTo("+14325551212"));
    }

    @Test
    void usernameAttributePoolsRefuseOtherUsernamesAndTakenValues() {
        String pool = UserPools.usernameAttributes();
        problem(post(pool, body("jane", Map.of())), 400, "InvalidParameterException")
                .body("detail", equalTo("Username should be either an email or a phone number."));
        problem(post(pool, body("jane@example.com", Map.of("email", "other@example.com"))), 400,
                "InvalidParameterException");
        post(pool, body("jane@example.com", Map.of())).statusCode(201);
        problem(post(pool, body("JANE@example.com", Map.of())), 409, "UsernameExistsException")
                .body("detail", equalTo("An account with the given email already exists."));
        post(pool, body("+14325551212", Map.of())).statusCode(201);
        problem(post(pool, body("+14325551212", Map.of())), 409, "UsernameExistsException")
                .body("detail", equalTo("An account with the given phone number already exists."));
    }

    @Test
    void emailOnlyUsernamePoolsSaySo() {
        String pool = UserPools.create(Map.of("usernameAttributes", java.util.List.of("email")));
        problem(post(pool, body("+14325551212", Map.of())), 400, "InvalidParameterException")
                .body("detail", equalTo("Username should be an email."));
    }

    @Test
    void aliasPoolsRefuseUsernamesShapedLikeTheirAliases() {
        String pool = UserPools.aliases();
        problem(post(pool, body("jane@example.com", Map.of())), 400, "InvalidParameterException")
                .body("detail", equalTo("Username cannot be of email format, since user pool is configured for email alias."));
        problem(post(pool, body("+14325551212", Map.of())), 400, "InvalidParameterException")
                .body("detail", equalTo("Username cannot be of phone number format, since user pool is configured for "
                        + "phone_number alias."));
        post(UserPools.plain(true), body("jane@example.com", Map.of())).statusCode(201);
    }

    @Test
    void aVerifiedAliasHeldByAnotherUserIsAliasExists() {
        String pool = UserPools.aliases();
        Api.createUser(pool, "first", Map.of("email", "shared@example.com", "email_verified", "true"));
        problem(post(pool, body("second", Map.of("email", "SHARED@example.com", "email_verified", "true"))), 409,
                "AliasExistsException")
                .body("detail", equalTo("An account with the given email already exists."));
        admin().get("/pools/{p}/users/second", pool).then().statusCode(404);
        // unverified, the same value is no alias and no clash
        post(pool, body("third", Map.of("email", "shared@example.com"))).statusCode(201);
        Api.createUser(pool, "p1", Map.of("preferred_username", "jj"));
        problem(post(pool, body("p2", Map.of("preferred_username", "JJ"))), 409, "AliasExistsException")
                .body("detail", equalTo("An account with the given preferred username already exists."));
    }

    @Test
    void forceAliasCreationMovesTheAliasAndUnverifiesTheFormerHolder() {
        String pool = UserPools.aliases();
        Api.createUser(pool, "first", Map.of("email", "shared@example.com", "email_verified", "true"));
        Map<String, Object> forced = body("second", Map.of("email", "shared@example.com", "email_verified", "true"));
        forced.put("forceAliasCreation", true);
        post(pool, forced).statusCode(201).body("attributes.email_verified", equalTo("true"));
        admin().get("/pools/{p}/users/first", pool).then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("version", equalTo(2))
                .body("attributes.email", equalTo("shared@example.com"))
                .body("attributes.email_verified", equalTo("false"));
        admin().get("/pools/{p}/users/{u}", pool, "shared@example.com").then().statusCode(200)
                .body("username", equalTo("second"));
    }

    @Test
    void unknownPoolIsResourceNotFound() {
        problem(post("us-east-1_nope12345", body("a", Map.of())), 404, "ResourceNotFoundException")
                .body("detail", equalTo("User pool us-east-1_nope12345 does not exist."));
    }

    @Test
    void withoutTheAdminKeyIsNotAuthorized() {
        String pool = UserPools.plain(true);
        given().contentType(ContentType.JSON).body(body("a", Map.of()))
                .post("/pools/{p}/users", pool)
                .then().statusCode(401).contentType(PROBLEM).body("code", equalTo("NotAuthorizedException"));
        admin().get("/pools/{p}/users/a", pool).then().statusCode(404);
    }

    static Map<String, Object> body(String username, Map<String, String> attributes) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("attributes", attributes);
        body.put("temporaryPassword", "Temp#Passw0rd");
        return body;
    }

    private static Map<String, Object> withPassword(String username, String password) {
        Map<String, Object> body = body(username, Map.of());
        body.put("temporaryPassword", password);
        return body;
    }

    private static ValidatableResponse post(String pool, Map<String, Object> body) {
        return adminJson(body).post("/pools/{p}/users", pool).then();
    }

    static ValidatableResponse problem(ValidatableResponse response, int status, String code) {
        return response.statusCode(status).contentType(PROBLEM).body("code", equalTo(code));
    }
}
