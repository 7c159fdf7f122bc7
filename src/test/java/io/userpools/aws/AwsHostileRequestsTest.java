package io.userpools.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.userpools.support.Api;
import io.userpools.support.Auth;
import io.userpools.support.Db;
import io.userpools.support.Gen;
import io.userpools.support.Hostile;
import io.userpools.support.Hostile.Arr;
import io.userpools.support.Hostile.Json;
import io.userpools.support.Hostile.Obj;
import io.userpools.support.Hostile.Str;
import io.userpools.support.HostileHarness;
import io.userpools.support.HostileHarness.Bystanders;
import io.userpools.support.Sampler;
import io.userpools.support.Sampler.Failure;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Property tests of the AWS endpoint ({@code POST /}) against hostile requests, with the project's
 * own harness ({@link Sampler}, {@link Hostile}): random and hostile {@code X-Amz-Target} values,
 * content types, bodies (malformed JSON, deep nesting, huge strings, bytes that are not UTF-8, NUL,
 * members of the wrong type, arrays where objects go), and {@code Authorization} headers (garbage
 * SigV4 forms, huge headers, wrong dates). Bodies are sent both with a valid signature (so that they
 * reach the operations' input checks) and without one.
 *
 * <p>For every sample: no 5xx, none of the REST facade's 401, 404, 409, 412, 429 (only 200 or 400,
 * except the bare 431 of the HTTP decoder for headers over its limit, before any request exists);
 * every answer {@code application/x-amz-json-1.1} with {@code x-amzn-RequestId}; every error
 * {@code {"__type","message"}} (a bare type, no {@code code}, no {@code Message}) with the same
 * type in {@code x-amzn-ErrorType}; an error changes nothing in the database (counts of pools,
 * clients, users, aliases, codes, sessions and messages, and the sum of the users' versions); no
 * request ever changes the bystanders (users no sample names); a signed operation without a valid
 * signature answers a signature error (or, for a body over the limit or a Content-Type that is no
 * media type, the refusal of the request before it is read) and runs nothing; and an answer within
 * {@link HostileHarness#MAX_ANSWER_MILLIS}.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsHostileRequestsTest {

    private static final String PREFIX = AwsResource.TARGET_PREFIX;
    private static final String MEDIA = AwsResource.MEDIA_TYPE;
    private static final String TARGET = "target-aws";
    private static final String SELF = "self-aws";
    private static final String BYSTANDER = "bystander-aws";
    private static final Set<String> SIGNATURE_ERRORS = Set.of("MissingAuthenticationTokenException",
            "IncompleteSignatureException", "InvalidSignatureException", "UnrecognizedClientException");
    /** Refused before the signature is looked at: a body over the limit, a Content-Type that is no media type. */
    private static final Set<String> REFUSED_UNREAD = Set.of("Request body too large",
            "The Content-Type header is not a media type");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    /** The members of the input shapes of the operations on this endpoint. */
    private static final List<String> MEMBERS = List.of("UserPoolId", "Username", "UserAttributes", "ClientId",
            "AccessToken", "AuthFlow", "AuthParameters", "ClientMetadata", "PoolName", "ClientName", "GenerateSecret",
            "ExplicitAuthFlows", "ReadAttributes", "WriteAttributes", "TemporaryPassword", "MessageAction",
            "ForceAliasCreation", "UserAttributeNames", "UsernameAttributes", "AliasAttributes",
            "AutoVerifiedAttributes");
    private static final String FINGERPRINT = """
            SELECT (SELECT count(*) FROM pools) || ' pools, ' || (SELECT count(*) FROM app_clients) || ' clients, '
                || (SELECT count(*) FROM users) || ' users, ' || (SELECT coalesce(sum(version), 0) FROM users)
                || ' versions, ' || (SELECT count(*) FROM user_aliases) || ' aliases, '
                || (SELECT count(*) FROM verification_codes) || ' codes, ' || (SELECT count(*) FROM sessions)
                || ' sessions, ' || (SELECT count(*) FROM outbox) || ' messages'""";

    /** How a sample authenticates: signed for real, with the given headers, or not at all. */
    enum Signing { VALID, GARBAGE, NONE }

    /** One request: target, content type and body (each may be absent), and its authentication. */
    record AwsRequest(String target, String contentType, Json body, Signing signing, String authorization,
            String amzDate) {

        byte[] bytes() {
            return body == null ? new byte[0] : body.bytes();
        }

        boolean oversized() {
            return bytes().length > 1_000_000 || length(target) + length(contentType) + length(authorization)
                    + length(amzDate) > 8_000;
        }

        private static int length(String value) {
            return value == null ? 0 : value.length();
        }

        @Override
        public String toString() {
            return "POST / X-Amz-Target " + show(target) + ", Content-Type " + show(contentType) + ", " + signing
                    + (signing == Signing.GARBAGE ? " Authorization " + show(authorization) + " X-Amz-Date "
                            + show(amzDate) : "")
                    + "\n      body " + body + " = " + (body == null ? "(none)" : Hostile.show(bytes()));
        }

        private static String show(String value) {
            return value == null ? "(none)" : Hostile.show(value);
        }
    }

    @TestHTTPResource("/")
    URI root;

    @Inject
    AwsOperations operations;

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final ObjectMapper json = new ObjectMapper();
    private final Bystanders bystanders = new Bystanders();
    private Connection db;
    private String poolA;
    private String clientA;
    private String selfToken;

    @BeforeEach
    void fixture() {
        if (poolA != null) {
            return;
        }
        db = Db.connect();
        poolA = Api.createPool();
        clientA = Auth.createPasswordClient(poolA);
        String poolB = Api.createPool();
        Api.createUser(poolA, TARGET, Map.of("email", "target@example.com", "custom:tier", "gold"));
        Auth.confirmedUser(poolA, SELF, Map.of("email", "self@example.com", "name", "Self"));
        Auth.confirmedUser(poolA, BYSTANDER, Map.of("email", "by@example.com", "custom:tier", "silver"));
        Auth.confirmedUser(poolB, BYSTANDER, Map.of("email", "by-b@example.com", "custom:tier", "bronze"));
        selfToken = Auth.accessToken(clientA, SELF);
        bystanders.watch(poolA, BYSTANDER);
        bystanders.watch(poolB, BYSTANDER);
    }

    @AfterAll
    void close() throws SQLException {
        bystanders.close();
        if (db != null) {
            db.close();
        }
    }

    /** Hostile targets and content types, with bodies of every kind, signed, unsigned or not at all. */
    @Test
    void hostileTargetsAndContentTypes() {
        Gen<AwsRequest> requests = Gen.combine(targets(), contentTypes(), bodies(),
                Gen.frequencyOf(Gen.weighted(3, Gen.just(Signing.VALID)), Gen.weighted(1, Gen.just(Signing.NONE))))
                .as((target, type, body, signing) -> new AwsRequest(target, type, body, signing, null, null));
        Sampler.check("aws targets and content types", requests, Sampler.tries(150), this::check);
    }

    /** Known operations, the right content type, hostile bodies, a valid signature: the input checks are reached. */
    @Test
    void hostileBodiesOfEveryOperation() {
        Gen<AwsRequest> requests = Gen.combine(operationTargets(), bodies())
                .as((target, body) -> new AwsRequest(target, MEDIA, body, Signing.VALID, null, null));
        Sampler.check("aws bodies", requests, Sampler.tries(300), this::check);
    }

    /** Garbage SigV4 headers (forms, sizes, dates, scopes) on every operation, with plausible bodies. */
    @Test
    void hostileAuthorization() {
        Gen<AwsRequest> requests = Gen.combine(operationTargets(), shapedBody(), authorizations(), amzDates())
                .as((target, body, authorization, date) -> new AwsRequest(target, MEDIA, body, Signing.GARBAGE,
                        authorization, date));
        Sampler.check("aws authorization", requests, Sampler.tries(200), this::check);
    }

    /**
     * The refusals made before the resource runs, found by the properties above: each used to be the
     * REST facade's problem+json (413, 415, 400 for a query with a NUL), and an unknown target had no
     * message.
     */
    @Test
    void refusalsBeforeTheOperationSpeakTheProtocol() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("400 InvalidParameterException Request body too large", announcedTooLarge());
        expected.put("400 SerializationException The Content-Type header is not a media type",
                exchange(PREFIX + "GetUser", "x", "{}".getBytes(StandardCharsets.UTF_8), Signing.VALID));
        expected.put("400 UnknownOperationException X-Amz-Target names no operation: it must be " + PREFIX
                + "<Operation>",
                exchange(PREFIX + "NoSuchOperation", MEDIA, "{}".getBytes(StandardCharsets.UTF_8), Signing.VALID));
        HttpResponse<byte[]> query = HTTP.send(HttpRequest.newBuilder(root.resolve("/?a=%00"))
                .header("X-Amz-Target", PREFIX + "GetUser").header("Content-Type", MEDIA)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode refused = json.readTree(query.body());
        expected.put("400 InvalidParameterException " + refused.path("message").asText(), query.statusCode() + " "
                + refused.path("__type").asText() + " " + refused.path("message").asText());
        assertThat(refused.path("message").asText()).startsWith("The query string ");
        assertThat(query.headers().firstValue(AwsErrors.ERROR_TYPE)).contains("InvalidParameterException");
        expected.forEach((answer, got) -> assertThat(got).isEqualTo(answer));
    }

    /** Sends and answers "__type message", after checking the answer's invariants. */
    private String exchange(String target, String type, byte[] body, Signing signing) throws Exception {
        AwsRequest request = new AwsRequest(target, type, new Hostile.Bytes(body, body.length + " bytes"), signing,
                null, null);
        HttpResponse<byte[]> response = HTTP.send(request(request), HttpResponse.BodyHandlers.ofByteArray());
        Failure failure = answerFailure(request, response, 0);
        if (failure != null) {
            throw new AssertionError(failure.kind() + ": " + failure.detail());
        }
        JsonNode answer = json.readTree(response.body());
        return response.statusCode() + " " + answer.path("__type").asText() + " " + answer.path("message").asText();
    }

    /**
     * A Content-Length over the 1 MiB limit, on a raw socket with only the start of the body: the
     * service answers from the header, before reading the body, and closes the connection.
     * Answers "status __type message" after checking the protocol's headers.
     */
    private String announcedTooLarge() throws IOException {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(30_000);
            String request = "POST / HTTP/1.1\r\nHost: " + root.getHost() + ":" + root.getPort() + "\r\nX-Amz-Target: "
                    + PREFIX + "CreateUserPool\r\nContent-Type: " + MEDIA + "\r\nContent-Length: 1100000\r\n\r\n{";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            StringBuilder head = new StringBuilder();
            while (head.indexOf("\r\n\r\n") < 0) {
                int c = in.read();
                if (c < 0) {
                    throw new AssertionError("the connection closed within the answer's head: " + head);
                }
                head.append((char) c);
            }
            String answer = head.toString();
            String headers = answer.toLowerCase(Locale.ROOT);
            assertThat(headers).as(answer).contains("content-type: " + MEDIA,
                    "x-amzn-errortype: invalidparameterexception", "x-amzn-requestid: ");
            Matcher length = Pattern.compile("content-length: (\\d+)").matcher(headers);
            assertThat(length.find()).as(answer).isTrue();
            JsonNode body = json.readTree(in.readNBytes(Integer.parseInt(length.group(1))));
            return answer.substring(9, 12) + " " + body.path("__type").asText() + " " + body.path("message").asText();
        }
    }

    // ---- the property

    private Failure check(AwsRequest request) {
        try {
            String before = fingerprint();
            bystanders.before(Set.of());
            HttpRequest sent;
            try {
                sent = request(request);
            } catch (IllegalArgumentException unsendable) {
                return null; // a header value the JDK's client refuses to send (the server never sees it)
            }
            long start = System.nanoTime();
            HttpResponse<byte[]> response;
            try {
                response = HTTP.send(sent, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (request.oversized()) {
                    return null; // the server closed the connection on a request over its limits
                }
                throw e;
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            Failure failure = answerFailure(request, response, millis);
            if (failure != null) {
                return failure;
            }
            String changed = bystanders.changed(Set.of());
            if (changed != null) {
                return new Failure("bystander changed", changed + "\n    for " + request);
            }
            if (response.statusCode() != 200 && !before.equals(fingerprint())) {
                return new Failure("an error changed the database", "before: " + before + "\n    after: "
                        + fingerprint() + "\n    answer " + Hostile.show(response.body()) + "\n    for " + request);
            }
            return null;
        } catch (Exception e) {
            return new Failure("no answer: " + e.getClass().getSimpleName(), e + "\n    for " + request);
        }
    }

    private Failure answerFailure(AwsRequest request, HttpResponse<byte[]> response, long millis) throws IOException {
        int status = response.statusCode();
        byte[] content = response.body();
        String type = response.headers().firstValue("Content-Type").orElse(null);
        String story = status + " " + type + " " + Hostile.show(content) + "\n    for " + request;
        if (status == 431 && content.length == 0 && request.oversized()) {
            // Vert.x's HTTP decoder refuses headers over its limit before any request exists
            return null;
        }
        if (status >= 500) {
            return new Failure(status + " " + typeOf(content), story);
        }
        if (status != 200 && status != 400) {
            return new Failure("status " + status, story);
        }
        // (sending a body of megabytes is the client's time on a busy machine, not the answer's)
        if (millis > HostileHarness.MAX_ANSWER_MILLIS && !request.oversized()) {
            return new Failure("slow", "answered after " + millis + " ms: " + story);
        }
        if (type == null || !type.startsWith(MEDIA)) {
            return new Failure(status + " not " + MEDIA, story);
        }
        String requestId = response.headers().firstValue(AwsResource.REQUEST_ID).orElse(null);
        if (requestId == null || requestId.isBlank()) {
            return new Failure("no x-amzn-RequestId", story);
        }
        JsonNode body = json.readTree(content);
        if (body == null || !body.isObject()) {
            return new Failure("answer not a JSON object", story);
        }
        if (status == 200) {
            if (request.signing() != Signing.VALID && signed(request.target())) {
                return new Failure("signed operation ran without a valid signature", story);
            }
            return null;
        }
        JsonNode errorType = body.get("__type");
        JsonNode message = body.get("message");
        if (errorType == null || !errorType.isTextual() || errorType.asText().isBlank()
                || errorType.asText().contains("#")) {
            return new Failure("no bare __type", story);
        }
        if (message == null || !message.isTextual()) {
            return new Failure(errorType.asText() + " without message", story);
        }
        if (body.has("code") || body.has("Message")) {
            return new Failure("code or Message key", story);
        }
        String header = response.headers().firstValue(AwsErrors.ERROR_TYPE).orElse(null);
        if (!errorType.asText().equals(header)) {
            return new Failure("x-amzn-ErrorType differs from __type", story + "\n    header " + header);
        }
        if (request.signing() != Signing.VALID && signed(request.target())
                && !SIGNATURE_ERRORS.contains(errorType.asText()) && !REFUSED_UNREAD.contains(message.asText())) {
            return new Failure("unsigned " + errorType.asText(), "a signed operation without a valid signature "
                    + "answered another error than a signature error: " + story);
        }
        return null;
    }

    private static String typeOf(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        int at = text.indexOf("__type");
        return at < 0 ? "" : text.substring(at, Math.min(text.length(), at + 60));
    }

    /** Whether the target names an operation of the table that is checked by signature. */
    private boolean signed(String target) {
        if (target == null || !target.startsWith(PREFIX)) {
            return false;
        }
        AwsOperations.Op op = operations.find(target.substring(PREFIX.length()));
        return op != null && op.access() == AwsOperations.Access.SIGNED;
    }

    private String fingerprint() throws SQLException {
        try (Statement query = db.createStatement(); ResultSet result = query.executeQuery(FINGERPRINT)) {
            result.next();
            return result.getString(1);
        }
    }

    /** The request as the JDK's client sends it: no header added but Host and Content-Length. */
    private HttpRequest request(AwsRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (request.target() != null) {
            headers.put("X-Amz-Target", request.target());
        }
        byte[] body = request.bytes();
        if (request.signing() == Signing.VALID) {
            headers.putAll(signature(request.target(), body));
        } else if (request.signing() == Signing.GARBAGE) {
            if (request.authorization() != null) {
                headers.put("Authorization", request.authorization());
            }
            if (request.amzDate() != null) {
                headers.put("X-Amz-Date", request.amzDate());
            }
        }
        if (request.contentType() != null) {
            headers.put("Content-Type", request.contentType());
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(root).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        return builder.build();
    }

    /** The SDK's own signer over the exact bytes, for host, X-Amz-Date and X-Amz-Target; none when it refuses. */
    private Map<String, String> signature(String target, byte[] body) {
        try {
            SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(root);
            if (target != null) {
                request.putHeader("X-Amz-Target", target);
            }
            var signed = AwsV4HttpSigner.create().sign(r -> r
                    .identity(AwsCredentialsIdentity.create("test", Api.ADMIN_SECRET))
                    .request(request.build())
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SigV4Verifier.SERVICE)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.systemUTC()));
            Map<String, String> headers = new LinkedHashMap<>();
            signed.request().headers().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("X-Amz-Target")) {
                    headers.put(name, values.get(0));
                }
            });
            return headers;
        } catch (RuntimeException refused) {
            return Map.of();
        }
    }

    // ---- generators

    private static List<String> modelOperations() {
        return AwsOperations.MODEL.stream().sorted().toList();
    }

    private static Gen<String> operationTargets() {
        return Gen.of(modelOperations()).map(PREFIX::concat);
    }

    private static Gen<String> targets() {
        return Gen.frequencyOf(
                Gen.weighted(4, operationTargets()),
                Gen.weighted(1, Gen.of(modelOperations()).map(op -> PREFIX + op.toLowerCase(Locale.ROOT))),
                Gen.weighted(1, Gen.of(modelOperations()).map(op -> "AWSCognitoIdentityService." + op)),
                Gen.weighted(1, Gen.of("", " ", PREFIX, PREFIX.substring(0, PREFIX.length() - 1), PREFIX + " ",
                        " " + PREFIX + "GetUser", PREFIX + "GetUser ", PREFIX + "GetUser\t",
                        PREFIX + PREFIX + "GetUser",
                        PREFIX + "getUser", PREFIX + "Get%55ser", "GetUser", PREFIX + "GetUser.", PREFIX + "*")),
                Gen.weighted(2, Hostile.headerValue()),
                Gen.weighted(1, Hostile.headerValue().map(PREFIX::concat)),
                Gen.weighted(1, Gen.just(null)));
    }

    private static Gen<String> contentTypes() {
        return Gen.frequencyOf(
                Gen.weighted(4, Gen.just(MEDIA)),
                Gen.weighted(3, Gen.of("application/x-amz-json-1.0", "application/json", "text/plain",
                        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                        MEDIA + "; charset=utf-16",
                        MEDIA + "; charset=nope", MEDIA + ";", "x", "/", ";;;", "*/*", "", " ", "application/*",
                        "application/x-amz-json-1.1, text/plain", "application/json; charset=\"")),
                Gen.weighted(1, Hostile.headerValue()),
                Gen.weighted(1, Gen.just(null)));
    }

    private Gen<Json> bodies() {
        return Gen.frequencyOf(
                Gen.weighted(6, shapedBody()),
                Gen.weighted(2, Hostile.notJson()),
                Gen.weighted(2, Hostile.anyJson()),
                Gen.weighted(1, Gen.just(null)));
    }

    /** An object of the operations' members (one twice, now and then): hostile, nearly valid or mistyped values. */
    private Gen<Json> shapedBody() {
        Gen<String> names = Gen.frequencyOf(Gen.weighted(8, Gen.of(MEMBERS)), Gen.weighted(1, Hostile.text()),
                Gen.weighted(1, Gen.of(MEMBERS).map(m -> m.toLowerCase(Locale.ROOT))));
        return Hostile.members(names, memberValue()).map(Obj::new);
    }

    private Gen<Json> memberValue() {
        // the fixture's pool, client, users and token, so that samples get past the lookups
        Gen<String> plausible = Gen.of(poolA, "us-east-1_nothere1", TARGET, SELF, "nobody", clientA, selfToken,
                "USER_PASSWORD_AUTH", "REFRESH_TOKEN_AUTH", "ADMIN_USER_PASSWORD_AUTH", "SUPPRESS", "given_name",
                "custom:tier", "email", Auth.PASSWORD);
        Gen<Json> attribute = Hostile.members(Gen.of("Name", "Value", "name", "Other"), Gen.frequencyOf(
                Gen.weighted(3, Hostile.string(Gen.of("given_name", "custom:tier", "email", "sub", "email_verified",
                        "custom:nope", "x@example.com", "Ada"))),
                Gen.weighted(3, Hostile.string(Hostile.text())),
                Gen.weighted(1, Hostile.anyJson()))).map(Obj::new);
        Gen<Json> attributes = Gen.frequencyOf(Gen.weighted(4, attribute), Gen.weighted(1, Hostile.anyJson()))
                .list().ofMaxSize(4).map(Arr::new);
        Gen<Json> map = Hostile.members(Gen.oneOf(Gen.of("USERNAME", "PASSWORD", "SECRET_HASH", "REFRESH_TOKEN"),
                Hostile.text()), Gen.oneOf(Hostile.string(plausible), Hostile.string(Hostile.text()),
                Hostile.anyJson())).map(Obj::new);
        return Gen.frequencyOf(
                Gen.weighted(3, Hostile.string(plausible)),
                Gen.weighted(3, Hostile.string(Hostile.text())),
                Gen.weighted(2, attributes),
                Gen.weighted(1, map),
                Gen.weighted(1, Hostile.string(plausible).list().ofMaxSize(3).map(Arr::new)),
                Gen.weighted(1, Hostile.anyJson()));
    }

    private static Gen<String> authorizations() {
        Gen<String> date = Gen.of(AMZ_DATE.format(Instant.now()).substring(0, 8), "20260101", "2026", "99999999",
                "00000000", "", "2026-12-06");
        Gen<String> credential = Gen.combine(Gen.oneOf(Hostile.nearlyValid("test", "other"), Gen.just("")), date,
                Gen.oneOf(Gen.of("us-east-1", "eu-west-1", "", "US-EAST-1"), Hostile.text()),
                Gen.oneOf(Gen.of("cognito-idp", "cognito-identity", "", "s3"), Hostile.text()))
                .as((key, day, region, service) -> key + "/" + day + "/" + region + "/" + service + "/aws4_request");
        Gen<String> credentials = Gen.oneOf(credential, credential.map(c -> c + "/extra"),
                credential.map(c -> c.replace("/aws4_request", "/aws5_request")), Hostile.text());
        Gen<String> signedHeaders = Gen.of("host;x-amz-date", "host;x-amz-date;x-amz-target", "host", "x-amz-date",
                "", ";;;", "HOST;X-AMZ-DATE", "host;x-amz-date;nothere", "host;host;x-amz-date");
        Gen<String> signature = Gen.oneOf(Gen.of("0".repeat(64), "f".repeat(64), "F".repeat(64), "", "zz",
                "0".repeat(63), "0".repeat(65), "é".repeat(64)), Gen.of(1_000, 9_000).map("0"::repeat));
        Gen<String> structured = Gen.combine(credentials, signedHeaders, signature, Gen.of(", ", ",", " , ", ",,"))
                .as((c, h, s, comma) -> "AWS4-HMAC-SHA256 Credential=" + c + comma + "SignedHeaders=" + h + comma
                        + "Signature=" + s);
        return Gen.frequencyOf(
                Gen.weighted(5, structured),
                Gen.weighted(1, structured.map(a -> a.replace("AWS4-HMAC-SHA256 ", "AWS4-HMAC-SHA512 "))),
                Gen.weighted(1, structured.map(a -> a.replace("Credential=", "Credential=test/") + ", Credential=x")),
                Gen.weighted(1, Gen.of("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 ", "Bearer " + Api.ADMIN_SECRET,
                        "Basic dGVzdDp0ZXN0", "AWS test:test-admin-secret", "AWS4-HMAC-SHA256 Credential=",
                        "AWS4-HMAC-SHA256 =,=,=", "AWS4-HMAC-SHA256 Credential=test/////")),
                Gen.weighted(2, Hostile.headerValue()),
                Gen.weighted(1, Gen.just(null)));
    }

    private static Gen<String> amzDates() {
        return Gen.frequencyOf(
                Gen.weighted(3, Gen.of(Duration.ZERO, Duration.ofMinutes(-16), Duration.ofMinutes(16),
                        Duration.ofDays(-400), Duration.ofDays(3650)).map(d -> AMZ_DATE.format(Instant.now().plus(d)))),
                Gen.weighted(1, Gen.of("99999999T999999Z", "20261306T000000Z", "20261206T250000Z", "20261206T000000",
                        "2026-12-06T00:00:00Z", "Sun, 06 Dec 2026 00:00:00 GMT", "", " ", "0", "+999999999T000000Z",
                        "-20261206T000000Z")),
                Gen.weighted(1, Hostile.headerValue()),
                Gen.weighted(1, Gen.just(null)));
    }
}
