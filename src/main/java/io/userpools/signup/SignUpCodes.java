package io.userpools.signup;

import io.smallrye.mutiny.Uni;
import io.userpools.pool.Pool;
import io.userpools.pool.StandardAttributes;
import io.userpools.verification.CodeDeliveryDetails;
import io.userpools.verification.CodeHasher;
import io.userpools.verification.CodeIssuer;
import io.userpools.verification.CodeRepository;
import io.userpools.verification.Masking;
import io.vertx.mutiny.sqlclient.SqlClient;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The pure rules of sign-up confirmation codes (lifecycle 1.2, 2.2, 2.3): which channel a code
 * goes to, how such a code is kept apart from attribute-verification codes in the same table (a
 * purpose prefix on the attribute name), and the simulated delivery details that a client hiding
 * user existence answers for an unknown user. Shared by sign-up ({@link SignUpService}),
 * confirmation ({@link ConfirmSignUpService}) and resending ({@link ResendConfirmationCodeService});
 * all pure but {@link #drop}.
 */
final class SignUpCodes {

    /**
     * The answer of ConfirmSignUp and ResendConfirmationCode for an unknown user when the client
     * does not hide user existence (lifecycle 2.2).
     */
    static final String UNKNOWN = "Username/client id combination not found.";

    /** Prefix of the stored attribute name of a sign-up code: {@code sign_up:email}. */
    static final String PURPOSE = "sign_up:";
    /** Phone before email, as Cognito prefers when both are auto-verified. */
    static final List<String> CHANNELS = List.of(StandardAttributes.PHONE_NUMBER, StandardAttributes.EMAIL);
    /** Wrong tries a code accepts before it is burned. */
    static final int MAX_WRONG = 5;

    private static final Pattern LOOKS_LIKE_EMAIL = Pattern.compile("[^@\\s]++@[^@\\s]++");
    private static final Pattern LOOKS_LIKE_PHONE = Pattern.compile("\\+[0-9]{4,15}");
    private static final UUID NOBODY = new UUID(0, 0);

    private SignUpCodes() {
    }

    static String key(String attribute) {
        return PURPOSE + attribute;
    }

    /** The prepared codes stored under the sign-up purpose; their details keep the real attribute. */
    static List<CodeIssuer.Prepared> keyed(List<CodeIssuer.Prepared> prepared) {
        return prepared.stream().map(p -> new CodeIssuer.Prepared(key(p.attribute()), p.target(),
                p.code(), p.message(), p.details())).toList();
    }

    /** Deletes the user's sign-up codes, on every channel. */
    static Uni<Void> drop(CodeRepository codes, SqlClient sql, Pool pool, UUID sub) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String channel : CHANNELS) {
            chain = chain.flatMap(v -> codes.delete(sql, pool.id(), sub, key(channel)));
        }
        return chain;
    }

    /** The first auto-verified attribute the user has a value for, phone first; null when none. */
    static String channel(Pool pool, Map<String, String> attributes) {
        for (String attribute : CHANNELS) {
            String value = attributes.get(attribute);
            if (pool.isAutoVerified(attribute) && value != null && !value.isEmpty()) {
                return attribute;
            }
        }
        return null;
    }

    /** The attribute a simulated code would go to: the first auto-verified one, phone first; null when none. */
    static String simulatedChannel(Pool pool) {
        return CHANNELS.stream().filter(pool::isAutoVerified).findFirst().orElse(null);
    }

    /**
     * Details for a code that is not sent (lifecycle 2.2): a username that looks like an email or
     * phone number is masked itself; otherwise a fake value keyed by the code key and the
     * username, so that repeated calls look alike and nothing tells the name is unknown.
     */
    static CodeDeliveryDetails simulated(Pool pool, CodeHasher hasher, String attribute, String username) {
        boolean email = StandardAttributes.EMAIL.equals(attribute);
        if (email && LOOKS_LIKE_EMAIL.matcher(username).matches()
                || !email && LOOKS_LIKE_PHONE.matcher(username).matches()) {
            return CodeDeliveryDetails.of(attribute, username);
        }
        byte[] mac = hasher.hmac(pool.id(), NOBODY, "simulated:" + attribute,
                username, "");
        String hex = HexFormat.of().formatHex(mac);
        String fake = email ? hex.substring(0, 8) + "@" + hex.substring(8, 14) + ".com"
                : "+1" + hex.chars().map(c -> '0' + c % 10).limit(10)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
        return new CodeDeliveryDetails(email ? Masking.email(fake) : Masking.phone(fake),
                CodeDeliveryDetails.mediumOf(attribute), attribute);
    }
}
