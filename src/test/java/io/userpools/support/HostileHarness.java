package io.userpools.support;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.userpools.support.Hostile.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the hostile property tests share: the operations of the served OpenAPI document, one
 * request as sent on the wire, the invariants every answer must keep (no 5xx, problem+json with a
 * code for every error, an answer in bounded time), and snapshots of bystander users that no
 * hostile request may change.
 */
public final class HostileHarness {

    /** Sign-in, refresh, the challenge answer, JWKS and discovery: callable without credentials. */
    public static final Set<String> PUBLIC = Set.of("initiateAuth", "initiateAuthRefresh", "respondToAuthChallenge",
            "getJwks", "getOpenIdConfiguration", "signUp", "confirmSignUp", "resendConfirmationCode", "forgotPassword",
            "confirmForgotPassword", "uploadUserImportFile", "confirmSignUpByLink");
    /** Called with the signed-in user's access token. */
    public static final Set<String> SELF_SERVICE = Set.of("getUser", "globalSignOut", "updateUserAttributes",
            "deleteUserAttributes", "getUserAttributeVerificationCode", "verifyUserAttribute", "changePassword");

    /** Slower than this is a failure (the known worst case, catastrophic backtracking, took 9 s and more). */
    public static final long MAX_ANSWER_MILLIS = Long.getLong("userpools.hostile.max-answer-millis", 5_000);

    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    /** Time-outs so that a stuck answer fails the sample, and no charset added to the sent Content-Type. */
    private static final RestAssuredConfig CLIENT = RestAssured.config()
            .httpClient(HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 60_000)
                    .setParam("http.connection.timeout", 10_000))
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    private HostileHarness() {
    }

    public record Param(String name, String in) {
    }

    /** One operation of the document; {@code body} is its request schema (refs resolved lazily) or null. */
    public record Route(String method, String template, String operationId, List<Param> params,
            Map<String, Object> body) {

        public boolean isPublic() {
            return PUBLIC.contains(operationId);
        }

        public boolean isSelfService() {
            return SELF_SERVICE.contains(operationId);
        }

        public boolean isAdmin() {
            return !isPublic() && !isSelfService();
        }

        public List<String> pathParams() {
            List<String> names = new ArrayList<>();
            Matcher m = PARAM.matcher(template);
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }

        public List<String> params(String in) {
            return params.stream().filter(p -> p.in().equals(in)).map(Param::name).toList();
        }

        /** The path with each {name} replaced by the raw (already encoded) segment. */
        public String path(Map<String, String> segments) {
            Matcher m = PARAM.matcher(template);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(Objects.requireNonNull(segments.get(m.group(1)))));
            }
            return m.appendTail(out).toString();
        }

        @Override
        public String toString() {
            return operationId + " (" + method + " " + template + ")";
        }
    }

    /** The served document (JSON). */
    public static Map<String, Object> document() {
        return given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath()
                .getMap("");
    }

    /** Every operation of the document, in its order. */
    @SuppressWarnings("unchecked")
    public static List<Route> routes(Map<String, Object> document) {
        List<Route> routes = new ArrayList<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((template, operations) ->
                operations.forEach((method, value) -> {
                    if (!(value instanceof Map<?, ?> operation) || operation.get("operationId") == null) {
                        return;
                    }
                    List<Param> params = new ArrayList<>();
                    for (Object p : (List<Object>) ((Map<String, Object>) operation).getOrDefault("parameters", List.of())) {
                        Map<String, Object> param = (Map<String, Object>) p;
                        params.add(new Param((String) param.get("name"), (String) param.get("in")));
                    }
                    Map<String, Object> body = null;
                    if (operation.get("requestBody") instanceof Map<?, ?> requestBody
                            && requestBody.get("content") instanceof Map<?, ?> content
                            && content.get("application/json") instanceof Map<?, ?> json) {
                        body = (Map<String, Object>) json.get("schema");
                    }
                    routes.add(new Route(method.toUpperCase(), template, (String) operation.get("operationId"),
                            params, body));
                }));
        return routes;
    }

    /** One request as sent: raw (encoded) path segments and query, headers, and a body or none. */
    public record Sent(Route route, Map<String, String> path, List<Map.Entry<String, String>> query,
            Map<String, String> headers, Json body) {

        public String target() {
            StringBuilder out = new StringBuilder(route.path(path));
            for (int i = 0; i < query.size(); i++) {
                out.append(i == 0 ? '?' : '&').append(query.get(i).getKey()).append('=').append(query.get(i).getValue());
            }
            return out.toString();
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder(route.method() + " " + Hostile.show(target()));
            headers.forEach((name, value) -> out.append("\n      ").append(name).append(": ")
                    .append(Hostile.show(value, name.equals("Authorization") ? 4000 : 120)));
            if (body != null) {
                out.append("\n      body ").append(body).append(" = ").append(Hostile.show(body.bytes()));
            }
            return out.toString();
        }
    }

    /** An answer and how long it took. */
    public record Answer(Response response, long millis) {
        public int status() {
            return response.statusCode();
        }

        public String code() {
            try {
                return response.jsonPath().getString("code");
            } catch (RuntimeException notJson) {
                return null;
            }
        }
    }

    /**
     * Sends {@code sent} with the given Authorization header value (or none); the client never
     * re-encodes the URL. Null when the server closed the connection on an {@link #oversized} request.
     */
    public static Answer send(Sent sent, String authorization) {
        RequestSpecification spec = given().config(CLIENT).urlEncodingEnabled(false);
        if (authorization != null) {
            spec = spec.header("Authorization", authorization);
        }
        boolean typed = false;
        for (Map.Entry<String, String> header : sent.headers().entrySet()) {
            if (header.getKey().equalsIgnoreCase("Content-Type")) {
                typed = true;
                spec = spec.contentType(header.getValue());
            } else {
                spec = spec.header(header.getKey(), header.getValue());
            }
        }
        if (sent.body() != null) {
            if (!typed) {
                spec = spec.contentType("application/json");
            }
            spec = spec.body(sent.body().bytes());
        }
        long start = System.nanoTime();
        try {
            Response response = spec.request(sent.route().method(), sent.target());
            response.asByteArray();
            return new Answer(response, (System.nanoTime() - start) / 1_000_000);
        } catch (Exception e) {
            if (oversized(sent)) {
                return null;
            }
            throw e;
        }
    }

    /**
     * The invariants of every answer: below 500, in time, and an error is problem+json with a
     * Cognito code (except the bare 414 and 431 of the HTTP decoder). Answers the failure or null.
     */
    public static Sampler.Failure answerFailure(Sent sent, Answer answer) {
        if (answer == null) {
            return null;
        }
        String op = sent.route().operationId();
        int status = answer.status();
        if (status >= 500) {
            return new Sampler.Failure(op + ": " + status + " " + answer.code(),
                    status + " " + Hostile.show(answer.response().asString()) + "\n    for " + sent);
        }
        if (answer.millis() > MAX_ANSWER_MILLIS) {
            return new Sampler.Failure(op + ": slow", "answered " + status + " after " + answer.millis()
                    + " ms (bound " + MAX_ANSWER_MILLIS + " ms)\n    for " + sent);
        }
        if ((status == 414 || status == 431) && answer.response().asByteArray().length == 0) {
            // Vert.x's HTTP decoder refuses a request line or headers over its limits before any
            // request exists, with a bare status and no body; no handler of the service can word it
            return null;
        }
        if (status >= 400 && op.equals("confirmSignUpByLink")
                && String.valueOf(answer.response().contentType()).startsWith("text/html")) {
            // a page for a browser (lifecycle spec 8.4): self-contained, never cached
            String policy = answer.response().header("Content-Security-Policy");
            return policy != null && policy.startsWith("default-src 'none'") ? null
                    : new Sampler.Failure(op + ": " + status + " page without its security policy",
                            status + " " + Hostile.show(answer.response().asString()) + "\n    for " + sent);
        }
        if (status >= 400) {
            String type = answer.response().contentType();
            String code = answer.code();
            if (type == null || !type.startsWith(Api.PROBLEM) || code == null || code.isBlank()) {
                return new Sampler.Failure(op + ": " + status + " not problem+json",
                        status + " " + type + " " + Hostile.show(answer.response().asString()) + "\n    for " + sent);
            }
        }
        return null;
    }

    /**
     * Watched users that hostile requests must leave exactly as they are. After every request their
     * rows are compared, byte for byte, with one query over everything stored about them (the user
     * row with its attributes, version and password hash; aliases, codes, attempt counters,
     * sessions); {@link #changedViews} compares their admin views (status, ETag, body) over HTTP.
     * The user a request addresses may change: it is looked at afresh before a request that does
     * not address it.
     */
    public static final class Bystanders implements AutoCloseable {
        private static final String ROWS = """
                WITH w AS (SELECT pool_id, sub FROM users WHERE pool_id = ? AND username = ?)
                SELECT 'user ' || u::text FROM users u JOIN w USING (pool_id, sub)
                UNION ALL SELECT 'alias ' || a::text FROM user_aliases a JOIN w USING (pool_id, sub)
                UNION ALL SELECT 'code ' || c::text FROM verification_codes c JOIN w USING (pool_id, sub)
                UNION ALL SELECT 'attempts ' || t::text FROM user_attempts t JOIN w USING (pool_id, sub)
                UNION ALL SELECT 'session ' || s::text FROM sessions s JOIN w USING (pool_id, sub)
                ORDER BY 1""";

        private final Connection db = Db.connect();
        private final Map<String, String> rows = new LinkedHashMap<>();
        private final Map<String, String> views = new LinkedHashMap<>();
        private final Set<String> stale = new HashSet<>();

        public static String key(String poolId, String username) {
            return poolId + "/" + username;
        }

        public void watch(String poolId, String username) {
            String key = key(poolId, username);
            rows.put(key, rows(key));
            views.put(key, view(key));
        }

        /** Before a request that addresses {@code addressed}: takes fresh looks at the others that went stale. */
        public void before(Set<String> addressed) {
            for (String key : List.copyOf(stale)) {
                if (!addressed.contains(key)) {
                    rows.put(key, rows(key));
                    views.put(key, view(key));
                    stale.remove(key);
                }
            }
        }

        /** After the request: each watched user it did not address whose rows changed, with both versions; null if none. */
        public String changed(Set<String> addressed) {
            return compare(rows, addressed, Bystanders::rows);
        }

        /** The same with the admin views (status, ETag and body); call it now and then, it costs a request per user. */
        public String changedViews(Set<String> addressed) {
            return compare(views, addressed, Bystanders::view);
        }

        private String compare(Map<String, String> looks, Set<String> addressed, BiFunction<Bystanders, String, String> look) {
            StringBuilder out = new StringBuilder();
            looks.replaceAll((key, before) -> {
                if (addressed.contains(key)) {
                    stale.add(key);
                    return before;
                }
                String now = look.apply(this, key);
                if (!now.equals(before)) {
                    out.append("\n    ").append(key).append(" was ").append(before).append("\n    now ").append(now);
                }
                return now;
            });
            return out.isEmpty() ? null : out.toString();
        }

        private String rows(String key) {
            String[] id = key.split("/", 2);
            try (PreparedStatement query = db.prepareStatement(ROWS)) {
                query.setString(1, id[0]);
                query.setString(2, id[1]);
                StringBuilder out = new StringBuilder();
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        out.append(result.getString(1)).append('\n');
                    }
                }
                return out.toString();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        private String view(String key) {
            String[] id = key.split("/", 2);
            Response r = Api.admin().get("/pools/{p}/users/{u}", id[0], id[1]);
            return r.statusCode() + " ETag " + r.header("ETag") + " " + r.asString();
        }

        @Override
        public void close() throws SQLException {
            db.close();
        }
    }

    /**
     * A request the server may refuse by closing the connection while it is still being sent (a
     * body over the 1 MiB limit, headers or a request line over Vert.x's limits): the client then
     * sees a broken pipe or a reset instead of the answer.
     */
    public static boolean oversized(Sent sent) {
        int headers = sent.headers().values().stream().mapToInt(String::length).sum();
        return sent.body() != null && sent.body().bytes().length > 1_000_000 || headers > 8_000
                || sent.target().length() > 4_000;
    }

    /** A property over samples of one route: {@code check} answers a failure or null. */
    public static <T> Function<T, Sampler.Failure> guarded(Function<T, Sampler.Failure> check) {
        return sample -> {
            try {
                return check.apply(sample);
            } catch (Exception e) {
                return new Sampler.Failure("no answer: " + e.getClass().getSimpleName(), e + "\n    for " + sample);
            }
        };
    }
}
