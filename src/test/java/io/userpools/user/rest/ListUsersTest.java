package io.userpools.user.rest;

import static io.restassured.RestAssured.given;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.user.rest.AdminCreateUserTest.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.userpools.support.Api;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ListUsersTest {

    @Test
    void paginationThrough25UsersWithLimit10NeverRepeats() {
        String pool = UserPools.plain(true);
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            created.add(Api.createUser(pool, "user" + i, Map.of()));
        }
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = null;
        do {
            var request = admin().queryParam("limit", 10);
            if (token != null) {
                request = request.queryParam("paginationToken", token);
            }
            var page = request.get("/pools/{p}/users", pool).then().statusCode(200).contentType(ContentType.JSON)
                    .extract();
            List<String> names = page.path("users.username");
            sizes.add(names.size());
            seen.addAll(names);
            token = page.path("paginationToken");
        } while (token != null);
        assertThat(sizes).containsExactly(10, 10, 5);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void theLastPageHasNoToken() {
        String pool = UserPools.plain(true);
        Api.createUser(pool, "a", Map.of("email", "a@example.com"));
        Api.createUser(pool, "b", Map.of());
        admin().get("/pools/{p}/users", pool).then().statusCode(200)
                .body("users", hasSize(2))
                .body("$", not(hasKey("paginationToken")))
                .body("users.find { it.username == 'a' }.attributes.email", equalTo("a@example.com"))
                .body("users.find { it.username == 'a' }.status", equalTo("FORCE_CHANGE_PASSWORD"));
        admin().queryParam("limit", 2).get("/pools/{p}/users", pool).then().statusCode(200)
                .body("users", hasSize(2)).body("$", not(hasKey("paginationToken")));
        admin().queryParam("limit", 1).get("/pools/{p}/users", pool).then().statusCode(200)
                .body("users", hasSize(1)).body("paginationToken", notNullValue());
    }

    @Test
    void anEmptyPoolListsNoUsers() {
        admin().get("/pools/{p}/users", UserPools.plain(true)).then().statusCode(200).body("users", empty());
    }

    @Test
    void limitZeroMeansTheDefault() {
        String pool = UserPools.plain(true);
        Api.createUser(pool, "a", Map.of());
        admin().queryParam("limit", 0).get("/pools/{p}/users", pool).then().statusCode(200).body("users", hasSize(1));
    }

    @Test
    void limitOutside0To60IsInvalid() {
        String pool = UserPools.plain(true);
        problem(admin().queryParam("limit", 61).get("/pools/{p}/users", pool).then(), 400, "InvalidParameterException")
                .body("detail", equalTo("1 validation error detected: Value '61' at 'limit' failed to satisfy "
                        + "constraint: Member must have value less than or equal to 60"));
        problem(admin().queryParam("limit", -1).get("/pools/{p}/users", pool).then(), 400, "InvalidParameterException");
        problem(admin().queryParam("limit", "ten").get("/pools/{p}/users", pool).then(), 400,
                "InvalidParameterException");
        admin().queryParam("limit", 60).get("/pools/{p}/users", pool).then().statusCode(200);
    }

    @Test
    void badOrForeignTokensAreInvalid() {
        String pool = UserPools.plain(true);
        String other = UserPools.plain(true);
        Api.createUser(other, "a", Map.of());
        Api.createUser(other, "b", Map.of());
        String foreign = admin().queryParam("limit", 1).get("/pools/{p}/users", other).then().extract()
                .path("paginationToken");
        problem(admin().queryParam("paginationToken", foreign).get("/pools/{p}/users", pool).then(), 400,
                "InvalidParameterException").body("detail", equalTo("Invalid pagination token"));
        problem(admin().queryParam("paginationToken", "garbage!").get("/pools/{p}/users", pool).then(), 400,
                "InvalidParameterException").body("detail", equalTo("Invalid pagination token"));
    }

    @Test
    void tamperedOrUnsealedTokensAreInvalid() {
        String pool = UserPools.plain(true);
        Api.createUser(pool, "a", Map.of());
        Api.createUser(pool, "b", Map.of());
        var first = admin().queryParam("limit", 1).get("/pools/{p}/users", pool).then().statusCode(200).extract();
        char[] token = first.<String>path("paginationToken").toCharArray();
        int middle = token.length / 2;
        token[middle] = token[middle] == 'A' ? 'B' : 'A';
        // the shape tokens had before they were sealed: readable, so anyone could write one
        String unsealed = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("users " + pool + "\n" + first.<String>path("users[0].sub")).getBytes(StandardCharsets.UTF_8));
        for (String bad : List.of(new String(token), unsealed)) {
            problem(admin().queryParam("paginationToken", bad).get("/pools/{p}/users", pool).then(), 400,
                    "InvalidParameterException").body("detail", equalTo("Invalid pagination token"));
        }
    }

    @Test
    void exactAndPrefixFiltersOnSeveralAttributes() {
        String pool = UserPools.plain(true);
        Api.createUser(pool, "alice", Map.of("email", "alice@example.com", "given_name", "Alice",
                "family_name", "Reddy", "phone_number", "+14325550001", "name", "Alice Reddy"));
        Api.createUser(pool, "alicia", Map.of("email", "alicia@example.org", "given_name", "Alicia",
                "family_name", "Redford", "phone_number", "+44205550002", "preferred_username", "ali"));
        Api.createUser(pool, "bob", Map.of("email", "bob@example.com", "given_name", "Bob", "family_name", "Smith"));
        assertUsers(pool, "email = \"alice@example.com\"", "alice");
        assertUsers(pool, "email ^= \"ali\"", "alice", "alicia");
        assertUsers(pool, "email^=\"ALI\"");
        assertUsers(pool, "given_name = \"Bob\"", "bob");
        assertUsers(pool, "family_name ^= \"Red\"", "alice", "alicia");
        assertUsers(pool, "phone_number ^= \"+1\"", "alice");
        assertUsers(pool, "name = \"Alice Reddy\"", "alice");
        assertUsers(pool, "preferred_username = \"ali\"", "alicia");
        assertUsers(pool, "username ^= \"ali\"", "alice", "alicia");
        assertUsers(pool, "username = \"Alice\"");
        assertUsers(pool, "email ^= \"\"", "alice", "alicia", "bob");
    }

    @Test
    void prefixFiltersTreatLikeWildcardsLiterally() {
        String pool = UserPools.plain(true);
        Api.createUser(pool, "a", Map.of("name", "50%_off"));
        Api.createUser(pool, "b", Map.of("name", "50xyoff"));
        Api.createUser(pool, "c", Map.of("name", "back\\slash"));
        assertUsers(pool, "name ^= \"50%\"", "a");
        assertUsers(pool, "name ^= \"50%_\"", "a");
        assertUsers(pool, "name ^= \"50\"", "a", "b");
        assertUsers(pool, "name ^= \"back\\\\s\"", "c");
    }

    @Test
    void quotesInValuesAreEscaped() {
        String pool = UserPools.plain(true);
        Api.createUser(pool, "q", Map.of("name", "say \"hi\""));
        assertUsers(pool, "name = \"say \\\"hi\\\"\"", "q");
    }

    @Test
    void usernameFiltersIgnoreCaseInCaseInsensitivePools() {
        String pool = UserPools.plain(false);
        Api.createUser(pool, "Alice", Map.of());
        Api.createUser(pool, "bob", Map.of());
        assertUsers(pool, "username = \"ALICE\"", "Alice");
        assertUsers(pool, "username ^= \"al\"", "Alice");
    }

    @Test
    void statusSubAndUserStatusFilters() {
        String pool = UserPools.plain(true);
        String sub = admin().contentType(ContentType.JSON)
                .body(Map.of("username", "a", "temporaryPassword", "Temp#Passw0rd"))
                .post("/pools/{p}/users", pool).then().statusCode(201).extract().path("sub");
        Api.createUser(pool, "b", Map.of());
        assertUsers(pool, "cognito:user_status = \"force_change_password\"", "a", "b");
        assertUsers(pool, "cognito:user_status ^= \"Force\"", "a", "b");
        assertUsers(pool, "cognito:user_status = \"CONFIRMED\"");
        assertUsers(pool, "status = \"Enabled\"", "a", "b");
        assertUsers(pool, "status = \"enabled\"");
        assertUsers(pool, "status = \"Disabled\"");
        assertUsers(pool, "sub = \"" + sub + "\"", "a");
        assertUsers(pool, "sub ^= \"" + sub.substring(0, 13) + "\"", "a");
        assertUsers(pool, "sub = \"not-a-uuid\"");
    }

    @Test
    void filtersAndPaginationCombine() {
        String pool = UserPools.plain(true);
        for (int i = 0; i < 7; i++) {
            Api.createUser(pool, "m" + i, Map.of("email", "m" + i + "@match.io"));
            Api.createUser(pool, "o" + i, Map.of("email", "o" + i + "@other.io"));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            var request = admin().queryParam("filter", "email ^= \"m\"").queryParam("limit", 3);
            if (token != null) {
                request = request.queryParam("paginationToken", token);
            }
            var page = request.get("/pools/{p}/users", pool).then().statusCode(200).extract();
            seen.addAll(page.<List<String>>path("users.username"));
            token = page.path("paginationToken");
        } while (token != null);
        assertThat(seen).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder("m0", "m1", "m2", "m3", "m4", "m5", "m6");
    }

    @Test
    void filteredPagesFollowTheFilteredAttributeAcrossTiesAndNeverRepeat() {
        String pool = UserPools.plain(true);
        // three users share one address (email is no alias here), so a page boundary falls among equal values
        String[][] users = {{"t0", "m-same@x.io"}, {"t1", "m-same@x.io"}, {"t2", "m-same@x.io"}, {"z0", "m0@x.io"},
            {"a9", "m9@x.io"}, {"k5", "m5|pipe@x.io"}, {"o1", "o1@x.io"}};
        for (String[] user : users) {
            Api.createUser(pool, user[0], Map.of("email", user[1]));
        }
        for (int limit = 1; limit <= 3; limit++) {
            List<String> seenEmails = new ArrayList<>();
            List<String> seen = walk(pool, "email ^= \"m\"", limit, seenEmails);
            assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrder("t0", "t1", "t2", "z0", "a9", "k5");
            // in the byte order of the addresses, the order of their index
            assertThat(seenEmails).isSortedAccordingTo(Comparator.naturalOrder());
            assertThat(walk(pool, "email = \"m-same@x.io\"", limit, new ArrayList<>()))
                    .doesNotHaveDuplicates().containsExactlyInAnyOrder("t0", "t1", "t2");
        }
    }

    @Test
    void usernameFilterPagesInCaseInsensitivePools() {
        String pool = UserPools.plain(false);
        for (String name : List.of("Bea", "bob", "BRUNO", "bill", "carl")) {
            Api.createUser(pool, name, Map.of());
        }
        assertThat(walk(pool, "username ^= \"B\"", 2, new ArrayList<>())).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder("Bea", "bob", "BRUNO", "bill");
    }

    @Test
    void aTokenOfOneFilteredOrderIsInvalidUnderAnother() {
        String pool = UserPools.plain(true);
        for (int i = 0; i < 3; i++) {
            Api.createUser(pool, "n" + i, Map.of("email", "n" + i + "@x.io", "name", "N" + i));
        }
        String token = admin().queryParam("filter", "email ^= \"n\"").queryParam("limit", 1)
                .get("/pools/{p}/users", pool).then().statusCode(200).extract().path("paginationToken");
        problem(admin().queryParam("filter", "name ^= \"N\"").queryParam("paginationToken", token)
                .get("/pools/{p}/users", pool).then(), 400, "InvalidParameterException")
                .body("detail", equalTo("Invalid pagination token"));
        problem(admin().queryParam("paginationToken", token).get("/pools/{p}/users", pool).then(), 400,
                "InvalidParameterException").body("detail", equalTo("Invalid pagination token"));
        // a token of the listing in sub order still continues a filtered listing (in sub order)
        String subToken = admin().queryParam("limit", 1).get("/pools/{p}/users", pool).then().statusCode(200)
                .extract().path("paginationToken");
        admin().queryParam("filter", "email ^= \"n\"").queryParam("paginationToken", subToken)
                .get("/pools/{p}/users", pool).then().statusCode(200).body("users", hasSize(2));
    }

    /** Every page of a filtered listing; the users' emails, in the order seen, go to {@code emails}. */
    private static List<String> walk(String pool, String filter, int limit, List<String> emails) {
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            var request = admin().queryParam("filter", filter).queryParam("limit", limit);
            if (token != null) {
                request = request.queryParam("paginationToken", token);
            }
            var page = request.get("/pools/{p}/users", pool).then().statusCode(200).extract();
            List<String> names = page.path("users.username");
            assertThat(names).hasSizeLessThanOrEqualTo(limit);
            seen.addAll(names);
            emails.addAll(page.<List<String>>path("users.attributes.email"));
            token = page.path("paginationToken");
            assertThat(++pages).isLessThan(20);
        } while (token != null);
        return seen;
    }

    @Test
    void filterErrorsAreInvalidParameter() {
        String pool = UserPools.plain(true);
        filter(pool, "email = alice").statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"))
                .body("detail", equalTo("Error while parsing filter"));
        filter(pool, "email ~ \"a\"").statusCode(400).body("detail", equalTo("Error while parsing filter"));
        filter(pool, "custom:tier = \"gold\"").statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"))
                .body("detail", equalTo("Invalid search attribute: custom:tier"));
        filter(pool, "nickname = \"x\"").statusCode(400).body("detail", equalTo("Invalid search attribute: nickname"));
        filter(pool, "name = \"" + "x".repeat(250) + "\"").statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"));
    }

    @Test
    void unknownPoolIsResourceNotFound() {
        problem(admin().get("/pools/us-east-1_nope12345/users").then(), 404, "ResourceNotFoundException")
                .body("detail", equalTo("User pool us-east-1_nope12345 does not exist."));
    }

    @Test
    void withoutTheAdminKeyIsNotAuthorized() {
        given().get("/pools/{p}/users", UserPools.plain(true)).then().statusCode(401).contentType(PROBLEM)
                .body("code", equalTo("NotAuthorizedException"));
    }

    private static ValidatableResponse filter(String pool, String filter) {
        return admin().queryParam("filter", filter).get("/pools/{p}/users", pool).then();
    }

    private static void assertUsers(String pool, String filter, String... usernames) {
        ValidatableResponse response = filter(pool, filter).statusCode(200);
        if (usernames.length == 0) {
            response.body("users", empty());
        } else {
            response.body("users.username", containsInAnyOrder((Object[]) usernames));
        }
    }
}
