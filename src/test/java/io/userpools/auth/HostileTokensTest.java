package io.userpools.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.userpools.support.Api;
import io.userpools.support.Auth;
import io.userpools.support.Gen;
import io.userpools.support.Hostile;
import io.userpools.support.Hostile.Obj;
import io.userpools.support.Hostile.Str;
import io.userpools.support.HostileHarness;
import io.userpools.support.HostileHarness.Answer;
import io.userpools.support.HostileHarness.Bystanders;
import io.userpools.support.HostileHarness.Route;
import io.userpools.support.HostileHarness.Sent;
import io.userpools.support.Sampler;
import io.userpools.support.Sampler.Failure;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Property tests of credentials: forged, altered, expired and foreign access tokens on every
 * self-service operation, altered admin keys on every admin operation, and hostile refresh tokens
 * on the refresh operation. Every one is refused (401 NotAuthorizedException, problem+json; a
 * refresh token 400 or 401), never with a 5xx, and no user changes - unless the token is, byte
 * for byte once decoded, the one that was issued.
 *
 * <p>A {@code @QuarkusTest} drawing samples of {@link io.userpools.support.Gen} through {@link Sampler} (fixed seed,
 * {@code -Duserpools.hostile.seed}), because forging tokens with the pool's own signing key needs
 * the application's {@link PoolKeys}; see {@code io.userpools.hostile.HostileRequestsTest}.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileTokensTest {

    private static final String SELF = "self-t7w";
    private static final String BYSTANDER = "bystander-t7w";
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    @Inject
    PoolKeys keys;

    private TokenForge forge;
    private List<Route> routes;
    private String poolA;
    private String clientA;
    private String poolB;
    private String access;
    private String idToken;
    private String refresh;
    private String accessB;
    private String refreshB;
    private String bystanderSub;
    private final Bystanders bystanders = new Bystanders();

    @BeforeEach
    void fixture() {
        if (routes != null) {
            return;
        }
        forge = new TokenForge(keys);
        routes = HostileHarness.routes(HostileHarness.document());
        poolA = Api.createPool();
        clientA = Auth.createPasswordClient(poolA);
        poolB = Api.createPool();
        String clientB = Auth.createPasswordClient(poolB);
        Auth.confirmedUser(poolA, SELF, Map.of("email", "self@example.com"));
        Auth.confirmedUser(poolA, BYSTANDER, Map.of("email", "by@example.com"));
        Auth.confirmedUser(poolB, BYSTANDER, Map.of("email", "by-b@example.com"));
        JsonPath tokens = Auth.signIn(clientA, SELF, Auth.PASSWORD);
        access = tokens.getString("accessToken");
        idToken = tokens.getString("idToken");
        refresh = tokens.getString("refreshToken");
        JsonPath tokensB = Auth.signIn(clientB, BYSTANDER, Auth.PASSWORD);
        accessB = tokensB.getString("accessToken");
        refreshB = tokensB.getString("refreshToken");
        bystanderSub = Api.admin().get("/pools/{p}/users/{u}", poolA, BYSTANDER).then().statusCode(200)
                .extract().path("sub");
        bystanders.watch(poolA, SELF);
        bystanders.watch(poolA, BYSTANDER);
        bystanders.watch(poolB, BYSTANDER);
    }

    @Test
    void forgedAccessTokensAreRefusedEverywhere() {
        forEvery(Route::isSelfService, Sampler.tries(30), route -> accessTokens().map(token ->
                new Sent(route, Map.of("name", "email"), List.of(), Map.of("Authorization", "Bearer " + token),
                        body(route))));
    }

    @Test
    void alteredAdminKeysAreRefusedEverywhere() {
        Gen<String> keyLike = Gen.oneOf(
                Gen.of(Api.ADMIN_SECRET).flatMap(key -> Gen.integers().between(0, key.length() - 1)
                        .flatMap(i -> Gen.chars().filter(c -> c != key.charAt(i))
                                .map(c -> key.substring(0, i) + c + key.substring(i + 1)))),
                Gen.of(Api.ADMIN_SECRET + "\u0000", "\u0000" + Api.ADMIN_SECRET, Api.ADMIN_SECRET + " x",
                        Api.ADMIN_SECRET.toUpperCase(), Api.ADMIN_SECRET.substring(1), "test:" + Api.ADMIN_SECRET,
                        Api.ADMIN_SECRET + Api.ADMIN_SECRET, "", "\t", "other", "test"),
                Hostile.text(), Gen.of(access, idToken, refresh));
        Gen<String> header = Gen.oneOf(keyLike.map(k -> "Bearer " + k), keyLike,
                keyLike.map(k -> "Basic " + Base64.getEncoder().encodeToString(("test:" + k).getBytes(StandardCharsets.UTF_8))));
        forEvery(Route::isAdmin, Sampler.tries(8), route -> header.filter(HostileTokensTest::sendable).map(value ->
                new Sent(route, adminPath(route), List.of(), Map.of("Authorization", value), body(route))));
    }

    @Test
    void hostileRefreshTokensAreRefused() {
        Gen<String> tokens = Gen.oneOf(Gen.of(access, idToken, refreshB),
                mutations(refresh), Hostile.text(), jwtShaped());
        forEvery(route -> route.operationId().equals("initiateAuthRefresh"), Sampler.tries(40), route ->
                tokens.filter(t -> !t.equals(refresh)).map(token -> new Sent(route, Map.of(), List.of(), Map.of(),
                        new Obj(List.of(Map.entry("clientId", new Str(clientA)), Map.entry("refreshToken", new Str(token)))))));
    }

    // ---- tokens ----

    private Gen<String> accessTokens() {
        Map<String, Object> claims = claimsOf(access);
        Map<String, Object> claimsB = claimsOf(accessB);
        long now = System.currentTimeMillis() / 1000;
        String kidA = forge.poolKey(poolA).kid();
        // signed with the pool's own key and kid through jose4j, claims exactly as given (the
        // service's JWT builder would add a missing exp, making a valid token)
        List<String> fixed = new ArrayList<>(List.of(
                forge.unsigned(poolA, claims),
                forge.unsigned(poolA, with(claims, "sub", bystanderSub)),
                forge.hs256WithPublicKey(poolA, claims),
                forge.signWithKid(poolA, claims, "no-such-kid"),
                forge.signWithKid(poolA, claims, "\u0000"),
                forge.signWithKid(poolB, claims, kidA),
                forge.signWithPoolKey(poolB, claims),
                forge.signWithKid(poolA, with(with(claims, "exp", now - 1), "iat", now - 3601), kidA),
                forge.signWithKid(poolA, with(with(claims, "exp", now - 86_400), "sub", bystanderSub), kidA),
                forge.signWithKid(poolA, with(claims, "token_use", "id"), kidA),
                forge.signWithKid(poolA, with(claims, "client_id", "nosuchclient0000000000000a"), kidA),
                forge.signWithKid(poolA, with(claims, "client_id", claimsB.get("client_id")), kidA),
                forge.signWithKid(poolA, with(claims, "iss", claimsB.get("iss")), kidA),
                forge.signWithKid(poolA, with(claims, "iss", claims.get("iss") + "\u0000"), kidA),
                forge.signWithKid(poolA, with(claims, "iss", claims.get("iss") + "/../" + poolB), kidA),
                forge.signWithKid(poolA, with(claims, "aud", claims.get("client_id")), kidA),
                forge.signWithKid(poolA, without(claims, "exp"), kidA),
                forge.signWithKid(poolA, with(claims, "exp", "9999999999"), kidA),
                forge.signWithKid(poolA, with(claims, "origin_jti", "not-a-uuid"), kidA),
                forge.signWithKid(poolA, with(claims, "sub", "\u0000"), kidA),
                TokenForge.withPayload(access, with(claims, "sub", bystanderSub)),
                TokenForge.withPayload(access, with(claims, "exp", now + 864_000)),
                TokenForge.withPayload(accessB, with(claimsB, "iss", claims.get("iss"))),
                idToken, refresh, access + "." + access, access.substring(0, access.lastIndexOf('.') + 1)));
        return Gen.frequencyOf(Gen.weighted(3, Gen.of(fixed)),
                Gen.weighted(3, mutations(access)),
                Gen.weighted(2, jwtShaped()),
                Gen.weighted(1, jsonParts()),
                Gen.weighted(1, Hostile.text().filter(HostileTokensTest::sendable)))
                .filter(token -> !sameToken(token, access));
    }

    /** The claims of a token, numbers as the Long values the JWT builder expects. */
    private static Map<String, Object> claimsOf(String jwt) {
        Map<String, Object> claims = TokenForge.claimsOf(jwt);
        claims.replaceAll((name, value) -> value instanceof Integer i ? Long.valueOf(i) : value);
        return claims;
    }

    /** The token with one of its bytes changed (in header, payload or signature), cut short, or lengthened. */
    private static Gen<String> mutations(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 3) {
            return opaqueMutations(token);
        }
        Gen<String> flipped = Gen.combine(Gen.integers().between(0, parts.length - 1),
                Gen.integers().between(0, 10_000), Gen.integers().between(1, 255)).as((part, at, xor) -> {
                    byte[] bytes = Base64.getUrlDecoder().decode(parts[part]);
                    if (bytes.length == 0) {
                        return token + "x";
                    }
                    bytes[at % bytes.length] ^= (byte) (int) xor;
                    String[] changed = parts.clone();
                    changed[part] = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                    return String.join(".", changed);
                });
        Gen<String> cut = Gen.integers().between(0, token.length() - 1).map(n -> token.substring(0, n));
        Gen<String> longer = Gen.strings().withChars(BASE64URL + ".").ofMinLength(4).ofMaxLength(40)
                .map(tail -> token + tail);
        Gen<String> swapped = Gen.of(parts[1] + "." + parts[0] + "." + parts[2],
                parts[0] + "." + parts[1] + ".", parts[0] + ".." + parts[2], "." + parts[1] + "." + parts[2]);
        return Gen.oneOf(flipped, cut, longer, swapped);
    }

    /** A token that is no JWT (a refresh token) with one character changed, cut short, or lengthened. */
    private static Gen<String> opaqueMutations(String token) {
        Gen<String> changed = Gen.combine(Gen.integers().between(0, token.length() - 1),
                Gen.chars().with(BASE64URL + "=.+/")).as((at, c) -> token.substring(0, at) + c
                        + token.substring(at + 1)).filter(t -> !t.equals(token));
        Gen<String> cut = Gen.integers().between(0, token.length() - 1).map(n -> token.substring(0, n));
        Gen<String> longer = Gen.strings().withChars(BASE64URL).ofMinLength(1).ofMaxLength(40)
                .map(tail -> token + tail);
        return Gen.oneOf(changed, cut, longer);
    }

    private static Gen<String> jwtShaped() {
        Gen<String> part = Gen.strings().withChars(BASE64URL).ofMaxLength(120);
        return Gen.combine(part, part, part).as((h, p, s) -> h + "." + p + "." + s);
    }

    /** Header and payload that are hostile JSON (or none), with a random signature. */
    private static Gen<String> jsonParts() {
        Gen<String> json = Gen.oneOf(Hostile.anyJson(), Hostile.notJson())
                .filter(j -> j.bytes().length < 20_000)
                .map(j -> Base64.getUrlEncoder().withoutPadding().encodeToString(j.bytes()));
        Gen<String> header = Gen.oneOf(json, Gen.of("{\"alg\":\"RS256\",\"kid\":\"\\u0000\"}",
                "{\"alg\":\"none\"}", "{\"alg\":\"RS256\",\"kid\":\"../../etc/passwd\"}", "{\"alg\":\"RS256\",\"kid\":"
                        + "\"" + "k".repeat(5000) + "\"}", "{\"alg\":\"RS256\",\"alg\":\"none\"}")
                .map(h -> Base64.getUrlEncoder().withoutPadding().encodeToString(h.getBytes(StandardCharsets.UTF_8))));
        return Gen.combine(header, json, Gen.strings().withChars(BASE64URL).ofMaxLength(400))
                .as((h, p, s) -> h + "." + p + "." + s);
    }

    /** Equal once each part is decoded: then the token is the one issued, written another way. */
    private static boolean sameToken(String token, String issued) {
        String[] a = token.split("\\.", -1);
        String[] b = issued.split("\\.", -1);
        if (a.length != b.length) {
            return false;
        }
        try {
            for (int i = 0; i < a.length; i++) {
                if (!Arrays.equals(Base64.getUrlDecoder().decode(a[i]), Base64.getUrlDecoder().decode(b[i]))) {
                    return false;
                }
            }
            return true;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** A header value an HTTP client sends as it is (no line breaks, NUL or characters beyond Latin-1). */
    private static boolean sendable(String value) {
        return value.chars().allMatch(c -> c >= 0x20 && c <= 0xff && c != 0x7f || c == '\t') && value.length() < 60_000;
    }

    private static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(claims);
        changed.put(name, value);
        return changed;
    }

    private static Map<String, Object> without(Map<String, Object> claims, String name) {
        Map<String, Object> changed = new LinkedHashMap<>(claims);
        changed.remove(name);
        return changed;
    }

    @AfterAll
    void closeDatabase() throws Exception {
        bystanders.close();
    }

    // ---- the property ----

    private void forEvery(java.util.function.Predicate<Route> which, int tries, Function<Route, Gen<Sent>> samples) {
        List<String> failures = new ArrayList<>();
        for (Route route : routes) {
            if (which.test(route)) {
                try {
                    Sampler.check(route + " credentials", samples.apply(route), tries, HostileHarness.guarded(this::check));
                } catch (AssertionError e) {
                    failures.add(e.getMessage());
                }
                String views = bystanders.changedViews(Set.of());
                if (views != null) {
                    failures.add(route + ": the admin view of a user changed" + views);
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " operation(s) accepted or mishandled hostile credentials:\n"
                    + String.join("\n\n", failures));
        }
    }

    private Failure check(Sent sent) {
        bystanders.before(Set.of());
        Answer answer = HostileHarness.send(sent, null);
        Failure failure = HostileHarness.answerFailure(sent, answer);
        String changed = bystanders.changed(Set.of());
        String op = sent.route().operationId();
        if (failure == null && changed != null) {
            failure = new Failure(op + ": changed a user", changed + "\n    for " + sent);
        }
        if (answer == null) {
            return failure;
        }
        // a refresh token is a body field: one over its length is an invalid parameter before it is a wrong token
        boolean refused = op.equals("initiateAuthRefresh")
                ? answer.status() == 400 && "InvalidParameterException".equals(answer.code())
                        || answer.status() / 100 == 4 && "NotAuthorizedException".equals(answer.code())
                : answer.status() == 401 && "NotAuthorizedException".equals(answer.code());
        if (failure == null && !refused) {
            failure = new Failure(op + ": not refused (" + answer.status() + ")", answer.status() + " "
                    + Hostile.show(answer.response().asString()) + "\n    for " + sent);
        }
        return failure;
    }

    private Map<String, String> adminPath(Route route) {
        Map<String, String> path = new LinkedHashMap<>();
        for (String name : route.pathParams()) {
            path.put(name, switch (name) {
                case "poolId" -> poolA;
                case "username" -> BYSTANDER;
                case "clientId" -> clientA;
                default -> "x";
            });
        }
        return path;
    }

    private static Hostile.Json body(Route route) {
        if (route.body() == null) {
            return null;
        }
        return switch (route.operationId()) {
            case "updateUserAttributes", "adminUpdateUserAttributes" ->
                    new Obj(List.of(Map.entry("attributes", new Obj(List.of(Map.entry("name", new Str("Mallory")))))));
            case "adminSetUserPassword" ->
                    new Obj(List.of(Map.entry("password", new Str("Attack3r#Pass")), Map.entry("permanent", new Hostile.Raw("true"))));
            case "verifyUserAttribute" -> new Obj(List.of(Map.entry("code", new Str("123456"))));
            default -> new Obj(List.of());
        };
    }
}
