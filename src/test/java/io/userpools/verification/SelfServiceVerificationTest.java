package io.userpools.verification;

import static io.restassured.RestAssured.given;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Auth.accessToken;
import static io.userpools.support.Auth.bearer;
import static io.userpools.support.Auth.confirmedUser;
import static io.userpools.support.Auth.createPasswordClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.userpools.support.Mailbox;
import io.userpools.support.Outbox;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * GetUserAttributeVerificationCode and VerifyUserAttribute through the REST API with an access
 * token, and the codes that UpdateUserAttributes sends: the test reads each code from the mail the
 * test SMTP server received.
 */
@QuarkusTest
class SelfServiceVerificationTest {

    private static final String SEND = "/me/attributes/{name}/verification-code";
    private static final String VERIFY = "/me/attributes/{name}/verify";

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    static String pool(List<String> requireBeforeUpdate) {
        return createPool(Map.of("name", "sv-" + UUID.randomUUID().toString().substring(0, 8),
                "aliasAttributes", List.of("email"),
                "autoVerifiedAttributes", List.of("email"),
                "attributesRequireVerificationBeforeUpdate", requireBeforeUpdate,
                "messaging", Map.of("email", Map.of("subject", "Code", "message", "Code {####}."))));
    }

    /** A signed-in user of a fresh client: the access token. */
    static String signedIn(String poolId, String username, Map<String, String> attributes) {
        String clientId = createPasswordClient(poolId);
        confirmedUser(poolId, username, attributes);
        return accessToken(clientId, username);
    }

    static RequestSpecification json(String token, Object body) {
        return bearer(token).contentType(ContentType.JSON).body(body);
    }

    static Response verify(String token, String name, String code) {
        return json(token, Map.of("code", code)).when().post(VERIFY, name);
    }

    static String otherThan(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    @Test
    void selfEmailChangeMailsACodeThatVerifiesAndAFreshCodeVerifiesAgain() {
        String poolId = pool(List.of());
        String token = signedIn(poolId, "ann", Map.of());
        String email = unique("ann");
        json(token, Map.of("attributes", Map.of("email", email))).when().patch("/me/attributes")
                .then().statusCode(200)
                .body("codeDeliveryDetails", hasSize(1))
                .body("codeDeliveryDetails[0].destination", equalTo("a***@e***"))
                .body("codeDeliveryDetails[0].deliveryMedium", equalTo("EMAIL"))
                .body("codeDeliveryDetails[0].attributeName", equalTo("email"))
                .body("user.attributes.email", equalTo(email))
                .body("user.attributes.email_verified", equalTo("false"));
        String first = Mailbox.await(email, 1).code();

        verify(token, "email", first).then().statusCode(200).contentType(ContentType.JSON)
                .body("username", equalTo("ann"))
                .body("attributes.email", equalTo(email))
                .body("attributes.email_verified", equalTo("true"));
        bearer(token).when().get("/me").then().statusCode(200).body("attributes.email_verified", equalTo("true"));
        // the verified email is now an alias
        admin().get("/pools/{p}/users/{u}", poolId, email).then().statusCode(200).body("username", equalTo("ann"));
        verify(token, "email", first).then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("ExpiredCodeException"))
                .body("detail", equalTo("Invalid code provided, please request a code again."));

        // no body at all: the body is optional
        bearer(token).when().post(SEND, "email").then().statusCode(200).contentType(ContentType.JSON)
                .body("codeDeliveryDetails.destination", equalTo("a***@e***"))
                .body("codeDeliveryDetails.deliveryMedium", equalTo("EMAIL"))
                .body("codeDeliveryDetails.attributeName", equalTo("email"));
        String fresh = Mailbox.await(email, 2).code();
        verify(token, "email", fresh).then().statusCode(200).body("attributes.email_verified", equalTo("true"));
    }

    @Test
    void withoutOrWithABadTokenBothAreUnauthorized() {
        for (var call : Map.of(SEND, Map.of(), VERIFY, Map.of("code", "123456")).entrySet()) {
            String path = call.getKey();
            given().contentType(ContentType.JSON).body(call.getValue()).when().post(path, "email")
                    .then().statusCode(401).contentType(PROBLEM).body("code", equalTo("NotAuthorizedException"))
                    .body("detail", equalTo("Invalid Access Token"));
            json("not.a.token", call.getValue()).when().post(path, "email")
                    .then().statusCode(401).contentType(PROBLEM).body("code", equalTo("NotAuthorizedException"))
                    .body("detail", equalTo("Invalid Access Token"));
        }
    }

    @Test
    void onlyEmailAndPhoneWithAValueAndAWellFormedCodeAreAccepted() {
        String poolId = pool(List.of());
        String token = signedIn(poolId, "bea", Map.of("email", unique("bea"), "nickname", "b"));
        json(token, Map.of()).when().post(SEND, "nickname").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"))
                .body("detail", equalTo("Invalid attribute name. Only phone_number and email can be verified."));
        verify(token, "nickname", "123456").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"));
        json(token, Map.of()).when().post(SEND, "phone_number").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"))
                .body("detail", equalTo("User does not have a valid registered phone number"));
        for (Object code : List.of("12 34", "")) {
            verify(token, "email", (String) code).then().statusCode(400).contentType(PROBLEM)
                    .body("code", equalTo("InvalidParameterException"));
        }
        json(token, Map.of()).when().post(VERIFY, "email").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"));
        json(token, Map.of("clientMetadata", "not a map")).when().post(SEND, "email").then().statusCode(400)
                .contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
        json(token, Map.of("unknown", 1)).when().post(SEND, "email").then().statusCode(400)
                .contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
    }

    @Test
    void noCodeIsExpiredAndAWrongCodeIsMismatch() {
        String poolId = pool(List.of());
        String email = unique("cal");
        String token = signedIn(poolId, "cal", Map.of("email", email));
        verify(token, "email", "123456").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("ExpiredCodeException"));
        json(token, Map.of("clientMetadata", Map.of("k", "v"))).when().post(SEND, "email").then().statusCode(200);
        String code = Mailbox.await(email, 1).code();
        verify(token, "email", otherThan(code)).then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("CodeMismatchException"))
                .body("detail", equalTo("Invalid verification code provided, please try again."));
        bearer(token).when().get("/me").then().body("attributes.email_verified", not(equalTo("true")));
        verify(token, "email", code).then().statusCode(200).body("attributes.email_verified", equalTo("true"));
    }

    @Test
    void sixthCodeRequestInAnHourIsLimitExceeded() {
        String poolId = pool(List.of());
        String token = signedIn(poolId, "dan", Map.of("email", unique("dan")));
        for (int i = 0; i < 5; i++) {
            bearer(token).when().post(SEND, "email").then().statusCode(200);
        }
        bearer(token).when().post(SEND, "email").then().statusCode(429).contentType(PROBLEM)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("code", equalTo("LimitExceededException"))
                .body("detail", equalTo("Attempt limit exceeded, please try after some time."));
    }

    @Test
    void verifyingAnEmailThatAnotherUserVerifiedMeanwhileIsAliasExists() {
        String poolId = pool(List.of());
        String token = signedIn(poolId, "jon", Map.of());
        confirmedUser(poolId, "ivy", Map.of());
        String shared = unique("shared");
        json(token, Map.of("attributes", Map.of("email", shared))).when().patch("/me/attributes")
                .then().statusCode(200).body("codeDeliveryDetails", hasSize(1));
        String code = Mailbox.await(shared, 1).code();
        adminJson(Map.of("attributes", Map.of("email", shared, "email_verified", "true")))
                .patch("/pools/{p}/users/{u}/attributes", poolId, "ivy").then().statusCode(200);

        verify(token, "email", code).then().statusCode(409).contentType(PROBLEM)
                .body("code", equalTo("AliasExistsException"))
                .body("detail", equalTo("An account with the given email already exists."));
        bearer(token).when().get("/me").then().body("attributes.email_verified", equalTo("false"));
        admin().get("/pools/{p}/users/{u}", poolId, shared).then().statusCode(200).body("username", equalTo("ivy"));
    }

    @Test
    void aPendingEmailBecomesActiveWhenVerified() {
        String poolId = pool(List.of("email"));
        String old = unique("eva");
        String token = signedIn(poolId, "eva", Map.of("email", old, "email_verified", "true"));
        String fresh = unique("eva-new");
        json(token, Map.of("attributes", Map.of("email", fresh))).when().patch("/me/attributes")
                .then().statusCode(200)
                .body("codeDeliveryDetails[0].destination", equalTo("e***@e***"))
                .body("user.attributes.email", equalTo(old))
                .body("user.pendingAttributes.email", equalTo(fresh));
        String code = Mailbox.await(fresh, 1).code();
        bearer(token).when().get("/me").then().body("attributes.email", equalTo(old));

        verify(token, "email", code).then().statusCode(200)
                .body("attributes.email", equalTo(fresh))
                .body("attributes.email_verified", equalTo("true"))
                .body("pendingAttributes", anEmptyMap());
        admin().get("/pools/{p}/users/{u}", poolId, fresh).then().statusCode(200).body("username", equalTo("eva"));
        admin().get("/pools/{p}/users/{u}", poolId, old).then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("UserNotFoundException"));
        Outbox.assertNothingSent(poolId, old);
    }
}
