package io.userpools.common;

import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Auth.bearer;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.userpools.support.Api;
import io.userpools.support.Auth;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: the document declares only problem+json content for the operations that answer 204,
 * so generated clients send {@code Accept: application/problem+json}; they must get their 204,
 * and their errors still as problem+json.
 */
@QuarkusTest
class NoContentNegotiationTest {

    private static final Map<String, Object> PASSWORD = Map.of("password", "N3w#Passw0rd", "permanent", true);

    private static RequestSpecification asGenerated(RequestSpecification request) {
        return request.accept(PROBLEM);
    }

    private static void noContent(Response response) {
        response.then().statusCode(204).body(emptyString());
    }

    private static void notFound(Response response, String code) {
        response.then().statusCode(404).contentType(PROBLEM).body("code", equalTo(code));
    }

    @Test
    void everyAdminNoContentOperationServesAnAcceptOfProblemJson() {
        String pool = Api.createPool();
        String user = Api.createUser(pool, "u-" + UUID.randomUUID().toString().substring(0, 8),
                Map.of("email", "nc@example.com"));
        Function<String, String> path = action -> "/pools/{poolId}/users/{username}/" + action;

        noContent(asGenerated(adminJson(PASSWORD)).put(path.apply("password"), pool, user));
        noContent(asGenerated(admin()).post(path.apply("disable"), pool, user));
        noContent(asGenerated(admin()).post(path.apply("enable"), pool, user));
        noContent(asGenerated(admin()).post(path.apply("global-sign-out"), pool, user));
        noContent(asGenerated(admin()).delete("/pools/{poolId}/users/{username}", pool, user));

        notFound(asGenerated(adminJson(PASSWORD)).put(path.apply("password"), pool, user), "UserNotFoundException");
        notFound(asGenerated(admin()).post(path.apply("disable"), pool, user), "UserNotFoundException");
        notFound(asGenerated(admin()).post(path.apply("enable"), pool, user), "UserNotFoundException");
        notFound(asGenerated(admin()).post(path.apply("global-sign-out"), pool, user), "UserNotFoundException");
        notFound(asGenerated(admin()).delete("/pools/{poolId}/users/{username}", pool, user), "UserNotFoundException");

        noContent(asGenerated(admin()).delete("/pools/{poolId}", pool));
        notFound(asGenerated(admin()).delete("/pools/{poolId}", pool), "ResourceNotFoundException");
    }

    @Test
    void badInputToANoContentOperationIsStillProblemJson() {
        String pool = Api.createPool();
        String user = Api.createUser(pool, "u-" + UUID.randomUUID().toString().substring(0, 8), Map.of());
        asGenerated(adminJson(Map.of("password", "", "permanent", true)))
                .put("/pools/{poolId}/users/{username}/password", pool, user)
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
    }

    @Test
    void globalSignOutServesAnAcceptOfProblemJson() {
        String pool = Api.createPool();
        String client = Auth.createPasswordClient(pool);
        String user = Auth.confirmedUser(pool, "u-" + UUID.randomUUID().toString().substring(0, 8), Map.of());
        String token = Auth.accessToken(client, user);

        noContent(asGenerated(bearer(token)).post("/me/global-sign-out"));
        asGenerated(bearer(token)).post("/me/global-sign-out")
                .then().statusCode(401).contentType(PROBLEM).body("code", equalTo("NotAuthorizedException"));
    }

    @Test
    void theUsualAcceptsStillWork() {
        String pool = Api.createPool();
        String user = Api.createUser(pool, "u-" + UUID.randomUUID().toString().substring(0, 8), Map.of());
        admin().accept(ContentType.JSON).post("/pools/{poolId}/users/{username}/disable", pool, user)
                .then().statusCode(204);
        admin().accept("application/json, application/problem+json")
                .post("/pools/{poolId}/users/{username}/enable", pool, user).then().statusCode(204);
        admin().accept("*/*").delete("/pools/{poolId}/users/{username}", pool, user).then().statusCode(204);
    }
}
