package io.userpools.aws;

import io.userpools.auth.AdminCredentials;
import io.userpools.auth.AdminCredentials.AccessKey;
import io.userpools.common.UserpoolsConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks AWS Signature Version 4 (Authorization header form) on the signed operations of the AWS
 * endpoint. Hand-written: no maintained Java library verifies SigV4 on the server side (the AWS
 * SDK only signs), so this recomputes the signature as the SigV4 specification describes it -
 * canonical request, string to sign, signing key chain - and compares it in constant time.
 *
 * <p>The access key id is the id of one of {@code USERPOOLS_ADMIN_KEYS}, the secret its secret.
 * The scope must be {@code <date of X-Amz-Date>/<userpools.region>/cognito-idp/aws4_request},
 * {@code host} and {@code x-amz-date} must be signed, the body's SHA-256 is part of the canonical
 * request, and {@code X-Amz-Date} may be at most 15 minutes away from this server's clock. Behind
 * a proxy, the {@code Host} header that reaches Userpools must be the one the client signed.
 *
 * <p>The errors are AWS's: no {@code Authorization} header is {@code MissingAuthenticationTokenException},
 * an unknown key id {@code UnrecognizedClientException}, a malformed header
 * {@code IncompleteSignatureException}, everything else {@code InvalidSignatureException}.
 */
@Singleton
public class SigV4Verifier {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String SERVICE = "cognito-idp";
    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    static final String MISMATCH = "The request signature we calculated does not match the signature you provided. "
            + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    static final String UNRECOGNIZED = "The security token included in the request is invalid.";
    static final String MISSING = "Request is missing Authentication Token";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final AdminCredentials credentials;
    private final String region;
    private final Clock clock;

    public SigV4Verifier(AdminCredentials credentials, UserpoolsConfig config, Clock clock) {
        this.credentials = credentials;
        this.region = config.region();
        this.clock = clock;
    }

    /** The parts of a SigV4 {@code Authorization} header. */
    record Authorization(String keyId, String date, String region, String service, String terminator,
            List<String> signedHeaders, String signature) {
    }

    /**
     * Verifies the request's signature over its body.
     *
     * @return the id of the access key that signed it
     * @throws AwsProtocolException with the AWS error when the signature does not hold
     */
    public String verify(HttpServerRequest request, byte[] body) {
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            throw new AwsProtocolException("MissingAuthenticationTokenException", MISSING);
        }
        Authorization auth = parse(header);
        AccessKey key = credentials.byId(auth.keyId())
                .orElseThrow(() -> new AwsProtocolException("UnrecognizedClientException", UNRECOGNIZED));
        String amzDate = request.getHeader("X-Amz-Date");
        if (amzDate == null) {
            throw incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            throw incomplete("Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'.");
        }
        if (!auth.date().equals(amzDate.substring(0, 8))) {
            throw invalid("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from "
                    + "HTTP: '" + auth.date() + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
        }
        if (!auth.region().equals(region)) {
            throw invalid("Credential should be scoped to a valid region.");
        }
        if (!auth.service().equals(SERVICE)) {
            throw invalid("Credential should be scoped to correct service: '" + SERVICE + "'.");
        }
        if (!auth.terminator().equals("aws4_request")) {
            throw invalid("Credential should be scoped with a valid terminator: 'aws4_request', not '"
                    + auth.terminator() + "'.");
        }
        if (!auth.signedHeaders().contains("host")) {
            throw invalid("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        if (!auth.signedHeaders().contains("x-amz-date")) {
            throw invalid("'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");
        }
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            throw invalid("Signature expired: " + amzDate + " is now earlier than "
                    + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " - 15 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw invalid("Signature not yet current: " + amzDate + " is still later than "
                    + AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " + 15 min.)");
        }
        String scope = auth.date() + "/" + auth.region() + "/" + auth.service() + "/" + auth.terminator();
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest(request, auth.signedHeaders(), body).getBytes(StandardCharsets.UTF_8)));
        byte[] signingKey = signingKey(key.secret(), auth.date(), auth.region(), auth.service());
        byte[] expected = HEX.formatHex(hmac(signingKey, stringToSign)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, auth.signature().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw invalid(MISMATCH);
        }
        return key.id();
    }

    static Authorization parse(String header) {
        if (!header.startsWith(ALGORITHM + " ")) {
            throw incomplete("Authorization header requires the '" + ALGORITHM + "' algorithm.");
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = p.substring(0, eq);
            String value = p.substring(eq + 1);
            switch (name) {
                case "Credential" -> credential = value;
                case "SignedHeaders" -> signedHeaders = value;
                case "Signature" -> signature = value;
                default -> {
                    // other parameters take no part in the check
                }
            }
        }
        if (credential == null || signedHeaders == null || signature == null) {
            throw incomplete("Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' "
                    + "parameters. Authorization=" + ALGORITHM);
        }
        String[] scope = credential.split("/", -1);
        // a date that is not YYYYMMDD is refused by verify(), as one that does not match X-Amz-Date
        if (scope.length != 5 || scope[0].isEmpty()) {
            throw incomplete("Credential must have exactly 5 slash-delimited elements, e.g. "
                    + "keyid/date/region/service/term, got '" + credential + "'");
        }
        return new Authorization(scope[0], scope[1], scope[2], scope[3], scope[4],
                List.of(signedHeaders.toLowerCase(Locale.ROOT).split(";")), signature);
    }

    /** The canonical request of SigV4: method, path, sorted query, signed headers, payload hash. */
    static String canonicalRequest(HttpServerRequest request, List<String> signedHeaders, byte[] body) {
        StringBuilder sb = new StringBuilder();
        sb.append(request.method().name()).append('\n');
        String path = request.path();
        sb.append(path == null || path.isEmpty() ? "/" : path).append('\n');
        sb.append(canonicalQuery(request.query())).append('\n');
        for (String name : new TreeSet<>(signedHeaders)) {
            List<String> values = new ArrayList<>();
            for (String v : request.headers().getAll(name)) {
                values.add(v.trim().replaceAll(" +", " "));
            }
            sb.append(name).append(':').append(String.join(",", values)).append('\n');
        }
        sb.append('\n').append(String.join(";", signedHeaders)).append('\n');
        sb.append(hex(sha256(body)));
        return sb.toString();
    }

    private static String canonicalQuery(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        for (String pair : query.split("&")) {
            pairs.add(pair.contains("=") ? pair : pair + "=");
        }
        pairs.sort(null);
        return String.join("&", pairs);
    }

    private static byte[] signingKey(byte[] secret, String date, String region, String service) {
        byte[] prefix = "AWS4".getBytes(StandardCharsets.UTF_8);
        byte[] seed = new byte[prefix.length + secret.length];
        System.arraycopy(prefix, 0, seed, 0, prefix.length);
        System.arraycopy(secret, 0, seed, prefix.length, secret.length);
        byte[] kDate = hmac(seed, date);
        byte[] kRegion = hmac(kDate, region);
        byte[] kService = hmac(kRegion, service);
        return hmac(kService, "aws4_request");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    private static AwsProtocolException invalid(String message) {
        return new AwsProtocolException("InvalidSignatureException", message);
    }

    private static AwsProtocolException incomplete(String message) {
        return new AwsProtocolException("IncompleteSignatureException", message);
    }
}
