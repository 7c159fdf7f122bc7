package io.userpools.hostile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.userpools.support.Api;
import io.userpools.support.Auth;
import io.userpools.support.Gen;
import io.userpools.support.Hostile;
import io.userpools.support.Hostile.Json;
import io.userpools.support.Hostile.Obj;
import io.userpools.support.Hostile.Str;
import io.userpools.support.HostileHarness;
import io.userpools.support.HostileHarness.Answer;
import io.userpools.support.HostileHarness.Bystanders;
import io.userpools.support.HostileHarness.Route;
import io.userpools.support.HostileHarness.Sent;
import io.userpools.support.Sampler;
import io.userpools.support.Sampler.Failure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Property tests of every operation of the served OpenAPI document against hostile input: bodies,
 * path segments, query parameters and headers, each sent with valid credentials of the route's
 * kind (admin key, the signed-in user's access token, none for public routes) so that the input
 * reaches the validation code. For every sample: no 5xx, an answer within
 * {@link HostileHarness#MAX_ANSWER_MILLIS}, every error problem+json with a Cognito code, no change
 * to any user the request does not address (a bystander in the same pool, one in another pool,
 * and the other fixture user; compared byte for byte with their admin view and ETag), and every
 * accepted attribute value stored exactly as sent.
 *
 * <p>How: a {@code @QuarkusTest} (the application started once, on the real PostgreSQL) whose
 * ordinary {@code @Test} methods draw samples from our own generators ({@link io.userpools.support.Gen})
 * through {@link Sampler}, with a fixed seed ({@code -Duserpools.hostile.seed}; the seed and the
 * failing sample are printed on failure; no shrinking). The packaged jar would not let the tests
 * forge tokens with the pool's keys, hence a {@code @QuarkusTest}.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRequestsTest {

    private static final String TARGET = "target";
    private static final String SELF = "self-k3q";
    private static final String BYSTANDER = "bystander-k3q";
    private static final Set<String> STORES_ATTRIBUTES = Set.of("adminUpdateUserAttributes", "updateUserAttributes",
            "adminCreateUser");
    /** Attributes every pool of the fixture lets both admins and the test client write. */
    private static final List<String> WRITABLE = List.of("name", "given_name", "family_name", "middle_name",
            "nickname", "locale", "zoneinfo", "website", "profile", "picture", "gender", "custom:tier");
    private static final JsonFactory STRICT = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private List<Route> routes;
    private OperationBodies bodies;
    private String poolA;
    private String clientA;
    private String poolB;
    private String sacrificialPool;
    private String sacrificialClient;
    private String selfToken;
    private final Bystanders bystanders = new Bystanders();

    @BeforeEach
    void fixture() {
        if (routes != null) {
            return;
        }
        Map<String, Object> document = HostileHarness.document();
        routes = HostileHarness.routes(document);
        poolA = Api.createPool();
        clientA = Auth.createPasswordClient(poolA);
        poolB = Api.createPool();
        Auth.createPasswordClient(poolB);
        Api.createUser(poolA, TARGET, Map.of("email", "target@example.com", "custom:tier", "gold"));
        Auth.confirmedUser(poolA, SELF, Map.of("email", "self@example.com", "name", "Self"));
        Auth.confirmedUser(poolA, BYSTANDER, Map.of("email", "by@example.com", "name", "By Stander",
                "custom:tier", "silver"));
        Auth.confirmedUser(poolB, BYSTANDER, Map.of("email", "by-b@example.com", "custom:tier", "bronze"));
        selfToken = Auth.accessToken(clientA, SELF);
        bodies = new OperationBodies(document, Map.ofEntries(
                Map.entry("clientId", List.of(clientA)),
                Map.entry("username", List.of(TARGET, "new-user", "Ünï")),
                Map.entry("password", List.of(Auth.PASSWORD, "Temp#Passw0rd")),
                Map.entry("newPassword", List.of(Auth.PASSWORD)),
                Map.entry("temporaryPassword", List.of("Temp#Passw0rd")),
                Map.entry("name", List.of("web", "pool", "tier", "email")),
                Map.entry("value", List.of("x@example.com", "+15555550100", "Ada", "gold", "true", "1990-01-01", "7")),
                Map.entry("readAttributes", OperationBodies.ATTRIBUTE_NAMES),
                Map.entry("writeAttributes", OperationBodies.ATTRIBUTE_NAMES),
                Map.entry("usernameAttributes", List.of("email", "phone_number")),
                Map.entry("aliasAttributes", List.of("email", "phone_number", "preferred_username")),
                Map.entry("autoVerifiedAttributes", List.of("email", "phone_number")),
                Map.entry("attributesRequireVerificationBeforeUpdate", List.of("email", "phone_number")),
                Map.entry("explicitAuthFlows", List.of("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
                        "ALLOW_ADMIN_USER_PASSWORD_AUTH")),
                Map.entry("type", List.of("String", "Number", "DateTime", "Boolean")),
                Map.entry("url", List.of("http://127.0.0.1:1/hook", "http://169.254.169.254/latest",
                        "file:///etc/passwd")),
                Map.entry("secret", List.of("0123456789abcdef0123")),
                Map.entry("code", List.of("123456", "000000")),
                Map.entry("session", List.of("a".repeat(40))),
                Map.entry("refreshToken", List.of("eyJhbGciOiJub25lIn0.e30.")),
                Map.entry("messageAction", List.of("SUPPRESS", "RESEND")),
                Map.entry("from", List.of("no-reply@example.com")),
                Map.entry("subject", List.of("Your code")),
                Map.entry("message", List.of("Your code is {####}"))));
        bystanders.watch(poolA, BYSTANDER);
        bystanders.watch(poolB, BYSTANDER);
        bystanders.watch(poolA, SELF);
        bystanders.watch(poolA, TARGET);
    }

    @Test
    void hostileBodies() {
        forEveryRoute("bodies", route -> true, Sampler.tries(20), route ->
                bodies.bodies(route.body()).map(body -> new Sent(route, ownPath(route), List.of(), Map.of(), body)));
    }

    /** Attribute updates that name only writable attributes, with hostile values: most are accepted, so each is read back. */
    @Test
    void hostileAttributeValues() {
        Gen<Json> attributes = Hostile.members(Gen.of(WRITABLE), Gen.frequencyOf(
                        Gen.weighted(6, Hostile.string(Hostile.text())), Gen.weighted(1, Hostile.number()),
                        Gen.weighted(1, Hostile.literal())))
                .filter(members -> !members.isEmpty()).map(Obj::new);
        forEveryRoute("attribute values", route -> STORES_ATTRIBUTES.contains(route.operationId()), Sampler.tries(40),
                route -> Gen.combine(attributes, Hostile.text().filter(s -> !s.isBlank() && s.length() < 100))
                        .as((values, username) -> {
                            List<Map.Entry<String, Json>> body = new ArrayList<>();
                            if (route.operationId().equals("adminCreateUser")) {
                                body.add(Map.entry("username", new Str(username)));
                                body.add(Map.entry("messageAction", new Str("SUPPRESS")));
                            }
                            body.add(Map.entry("attributes", values));
                            return new Sent(route, ownPath(route), List.of(), Map.of(), new Obj(body));
                        }));
    }

    /**
     * One string field at a time far over its limit, ending in a space, a tab, NUL or a letter:
     * every answer in time (a pattern that backtracks takes seconds per request on such input).
     * Longer values than 2,001 characters are left out on purpose: against a backtracking pattern
     * they would hold an event-loop thread for hours.
     */
    @Test
    void longValuesAnswerInTime() {
        forEveryRoute("long values", route -> route.body() != null && !bodies.stringFields(route.body()).isEmpty(),
                Sampler.tries(8), route -> Gen.combine(Gen.of(bodies.stringFields(route.body())),
                        Gen.of(129, 257, 2049, 2001), Gen.of(" ", "\t", "\u0000", "a", "  a "),
                        bodies.plainBodies(route.body())).as((field, length, tail, body) -> {
                            List<Map.Entry<String, Json>> members = new ArrayList<>();
                            ((Obj) body).members().stream().filter(m -> !m.getKey().equals(field)).forEach(members::add);
                            members.add(Map.entry(field, new Str("x".repeat(length) + tail)));
                            return new Sent(route, ownPath(route), List.of(), Map.of(), new Obj(members));
                        }));
    }

    @Test
    void hostilePathSegments() {
        forEveryRoute("path segments", route -> !route.pathParams().isEmpty(), Sampler.tries(20), route -> {
            List<Gen<Map.Entry<String, String>>> segments = route.pathParams().stream()
                    .map(name -> Gen.frequencyOf(Gen.weighted(3, Hostile.pathSegment()),
                            Gen.weighted(1, Gen.just(Hostile.encode(own(route, name)))))
                            .map(value -> Map.entry(name, value)))
                    .toList();
            return Gen.combine(Gen.combine(segments).as(HostileRequestsTest::toMap),
                    bodies.plainBodies(route.body())).as((path, body) -> new Sent(route, path, List.of(), Map.of(), body));
        });
    }

    @Test
    void hostileQueryParameters() {
        forEveryRoute("query parameters", route -> true, Sampler.tries(8), route -> {
            List<String> names = new ArrayList<>(route.params("query"));
            names.add("name");
            Gen<String> name = Gen.frequencyOf(Gen.weighted(4, Gen.of(names)),
                    Gen.weighted(1, Hostile.text().filter(s -> !s.isEmpty() && s.length() < 200).map(Hostile::encode)));
            Gen<String> value = Gen.frequencyOf(Gen.weighted(3, Hostile.queryValue()),
                    Gen.weighted(1, Gen.of(OperationBodies.ATTRIBUTE_NAMES)),
                    Gen.weighted(1, Gen.of("1", "60", "0", "-1", "username = \"target\"", "email ^= \"\"",
                            "name=\"\\\"", "sub = \"").map(Hostile::encode)));
            Gen<List<Map.Entry<String, String>>> query = Gen.combine(name, value).as(Map::entry)
                    .list().ofMinSize(1).ofMaxSize(4);
            return Gen.combine(query, bodies.plainBodies(route.body()))
                    .as((q, body) -> new Sent(route, ownPath(route), q, Map.of(), body));
        });
    }

    @Test
    void hostileHeaders() {
        forEveryRoute("headers", route -> true, Sampler.tries(10), route -> {
            Gen<String> contentType = Gen.frequencyOf(Gen.weighted(3, Gen.of("application/json",
                    "application/json; charset=utf-8", "application/json; charset=UTF-16", "application/json; charset=latin1",
                    "application/json; charset=nope", "application/json;charset=\"", "text/plain", "application/xml",
                    "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "*/*", "application/*",
                    "application/problem+json", "application/json-patch+json", "application", ";", "")),
                    Gen.weighted(1, Hostile.headerValue()));
            Gen<String> accept = Gen.frequencyOf(Gen.weighted(3, Gen.of("application/json",
                    "application/problem+json", "application/xml", "text/html", "*/*;q=0", "application/json;q=0",
                    "*/*", "image/png, */*;q=0.1", "application/json; charset=utf-16", ",", "")),
                    Gen.weighted(1, Hostile.headerValue()));
            Gen<Map.Entry<String, String>> header = Gen.oneOf(
                    Hostile.headerValue().map(v -> Map.entry("If-Match", v)),
                    Hostile.headerValue().map(v -> Map.entry("If-None-Match", v)),
                    Hostile.headerValue().map(v -> Map.entry("X-Request-Id", v)),
                    contentType.map(v -> Map.entry("Content-Type", v)),
                    accept.map(v -> Map.entry("Accept", v)),
                    Hostile.headerValue().map(v -> Map.entry("Accept-Charset", v)),
                    Hostile.headerValue().map(v -> Map.entry("Content-Encoding", v)),
                    Hostile.headerValue().map(v -> Map.entry("X-Forwarded-For", v)),
                    Hostile.headerValue().map(v -> Map.entry("Cookie", v)),
                    Hostile.headerValue().map(v -> Map.entry("X-Filler", v)));
            Gen<Map<String, String>> headers = header.list().ofMinSize(1).ofMaxSize(4)
                    .uniqueElements(entry -> entry.getKey().toLowerCase()).map(HostileRequestsTest::toMap);
            return Gen.combine(headers, bodies.plainBodies(route.body()))
                    .as((h, body) -> new Sent(route, ownPath(route), List.of(), h, body));
        });
    }

    // ---- the property ----

    private void forEveryRoute(String what, Predicate<Route> which, int tries, Function<Route, Gen<Sent>> samples) {
        List<String> failures = new ArrayList<>();
        for (Route route : routes) {
            if (!which.test(route)) {
                continue;
            }
            try {
                Sampler.check(route + " " + what, samples.apply(route), tries, HostileHarness.guarded(this::check));
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
            String views = bystanders.changedViews(addressed(route));
            if (views != null) {
                failures.add(route + " " + what + ": the admin view of another user changed" + views);
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " operation(s) failed with hostile " + what + ":\n"
                    + String.join("\n\n", failures));
        }
    }

    private Failure check(Sent sent) {
        Route route = sent.route();
        Set<String> addressed = addressed(route);
        bystanders.before(addressed);
        Answer answer = HostileHarness.send(sent, credentials(route));
        Failure failure = HostileHarness.answerFailure(sent, answer);
        String changed = bystanders.changed(addressed);
        if (failure == null && changed != null) {
            failure = new Failure(route.operationId() + ": changed another user", changed + "\n    for " + sent);
        }
        if (failure == null && answer != null && answer.status() < 300 && STORES_ATTRIBUTES.contains(route.operationId())) {
            failure = storedFailure(sent, answer);
        }
        repair(sent, answer);
        return failure;
    }

    /** The fixture user a route acts on: it may change, every other watched user may not. */
    private Set<String> addressed(Route route) {
        return Set.of(Bystanders.key(poolA, route.isSelfService() ? SELF : TARGET));
    }

    @AfterAll
    void closeDatabase() throws Exception {
        bystanders.close();
    }

    private String credentials(Route route) {
        if (route.isPublic()) {
            return null;
        }
        return "Bearer " + (route.isSelfService() ? selfToken : Api.ADMIN_SECRET);
    }

    /** Every accepted attribute value is stored as sent: "" and null delete, anything else is kept exactly. */
    private Failure storedFailure(Sent sent, Answer answer) {
        String op = sent.route().operationId();
        Map<String, String> sentValues;
        try {
            byte[] body = sent.body() == null ? new byte[0] : sent.body().bytes();
            if (op.equals("adminCreateUser") && "RESEND".equals(topLevelText(body, "messageAction"))) {
                return null; // a RESEND invitation ignores the attributes it is sent (lifecycle spec 5.3)
            }
            sentValues = sentAttributes(body);
        } catch (IOException e) {
            return new Failure(op + ": accepted a body that is not JSON", e.getMessage() + "\n    for " + sent);
        }
        Response stored = switch (op) {
            case "updateUserAttributes" -> Api.admin().get("/pools/{p}/users/{u}", poolA, SELF);
            case "adminCreateUser" -> Api.admin().urlEncodingEnabled(false).get("/pools/" + poolA + "/users/"
                    + Hostile.encode(answer.response().jsonPath().getString("username")));
            default -> Api.admin().urlEncodingEnabled(false).get("/pools/" + poolA + "/users/" + sent.path().get("username"));
        };
        if (stored.statusCode() != 200) {
            return new Failure(op + ": accepted but not readable", stored.statusCode() + " " + stored.asString()
                    + "\n    for " + sent);
        }
        JsonPath user = stored.jsonPath();
        Map<String, String> attributes = user.getMap("attributes");
        Map<String, String> pending = user.getMap("pendingAttributes");
        StringBuilder differs = new StringBuilder();
        sentValues.forEach((name, value) -> {
            boolean deletes = value == null || value.isEmpty();
            String now = attributes.get(name);
            boolean ok = deletes ? now == null : value.equals(now) || value.equals(pending == null ? null : pending.get(name));
            if (!ok) {
                differs.append("\n    ").append(name).append(": sent ").append(value == null ? "null" : Hostile.show(value))
                        .append(", stored ").append(now == null ? "nothing" : Hostile.show(now));
            }
        });
        return differs.isEmpty() ? null
                : new Failure(op + ": stored value differs", "answered " + answer.status() + differs + "\n    for " + sent);
    }

    /** The text of a top-level string member, or null. */
    private static String topLevelText(byte[] body, String member) throws IOException {
        try (JsonParser parser = STRICT.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals(member) && value == JsonToken.VALUE_STRING) {
                    return parser.getText();
                }
                parser.skipChildren();
            }
            return null;
        }
    }

    /** The members of the top-level "attributes" object as the server's Jackson read them (scalars as their text). */
    private static Map<String, String> sentAttributes(byte[] body) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        try (JsonParser parser = STRICT.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return values;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                if (field.equals("attributes") && token == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        JsonToken value = parser.nextToken();
                        if (value.isStructStart()) {
                            parser.skipChildren();
                        } else {
                            values.put(name, value == JsonToken.VALUE_NULL ? null : parser.getText());
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
        return values;
    }

    // ---- the fixture ----

    private String own(Route route, String param) {
        return switch (param) {
            case "poolId" -> route.operationId().equals("deleteUserPool")
                    || route.operationId().equals("setUserPoolRateLimits") ? sacrificialPool() : poolA;
            case "username" -> TARGET;
            case "clientId" -> route.operationId().equals("deleteUserPoolClient")
                    || route.operationId().equals("updateUserPoolClient") ? sacrificialClient() : clientA;
            case "name" -> "email";
            case "jobId" -> "import-nothere";
            case "subscriptionId" -> "00000000-0000-4000-8000-000000000000";
            default -> throw new IllegalArgumentException("no value for path parameter " + param + " of " + route);
        };
    }

    private Map<String, String> ownPath(Route route) {
        Map<String, String> path = new LinkedHashMap<>();
        route.pathParams().forEach(name -> path.put(name, Hostile.encode(own(route, name))));
        return path;
    }

    /** The pool that deleteUserPool and setUserPoolRateLimits may act on (made again after a deletion). */
    private String sacrificialPool() {
        if (sacrificialPool == null) {
            sacrificialPool = Api.createPool();
        }
        return sacrificialPool;
    }

    /** The client of pool A that deleteUserPoolClient and updateUserPoolClient may act on (made again when gone). */
    private String sacrificialClient() {
        if (sacrificialClient == null) {
            sacrificialClient = Auth.createPasswordClient(poolA);
        }
        return sacrificialClient;
    }

    /** Puts the fixture back where an accepted request legitimately took it away. */
    private void repair(Sent sent, Answer answer) {
        if (answer == null || answer.status() >= 300) {
            return;
        }
        switch (sent.route().operationId()) {
            case "deleteUserPool" -> sacrificialPool = null;
            case "deleteUserPoolClient" -> sacrificialClient = null;
            case "adminDeleteUser" -> {
                if (Api.admin().get("/pools/{p}/users/{u}", poolA, TARGET).statusCode() == 404) {
                    Api.createUser(poolA, TARGET, Map.of("email", "target@example.com"));
                }
            }
            case "globalSignOut" -> selfToken = Auth.accessToken(clientA, SELF);
            default -> {
            }
        }
    }

    private static Map<String, String> toMap(List<Map.Entry<String, String>> entries) {
        Map<String, String> map = new LinkedHashMap<>();
        entries.forEach(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }
}
