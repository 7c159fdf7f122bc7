package io.userpools.common;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * What the OpenAPI document shows for the {@code @Pattern} rules of the request records, so that
 * generated clients (JSON Schema's ECMA-262 dialect, Python's {@code re}, Java) can all use it.
 * The service itself checks Cognito's pattern texts (common/validation LinearPatterns) and quotes
 * them in its errors; the document shows, for each, an anchored pattern in the common subset of
 * those dialects that accepts at least what the service accepts (the service may be stricter:
 * Java's {@code \s} and {@code \w} are ASCII, ECMA-262's {@code \s} is not). A pattern that only
 * lists words becomes an {@code enum}.
 */
final class PortablePatterns {

    /** Java's {@code \s}: ASCII whitespace only. */
    private static final String SPACE = " \\t\\n\\x0B\\f\\r";

    /** Cognito's pattern text -> its portable form, where anchoring it is not enough. */
    private static final Map<String, String> REWRITTEN = Map.of(
            // letters, marks, symbols, numbers, punctuation: no separator or control character
            "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+", "^[^\\s\\x00-\\x1F\\x7F-\\x9F]+$",
            // Java's \S is "not ASCII whitespace"; ECMA-262's would also refuse a no-break space
            "\\S+", "^[^" + SPACE + "]+$",
            // not blank at either end, no line break inside
            "[\\S]+.*[\\S]+|[\\S]", "^[^" + SPACE + "](?:[^\\n\\r]*[^" + SPACE + "])?$");

    private static final Pattern WORDS = Pattern.compile("[A-Za-z0-9_]+(?:\\|[A-Za-z0-9_]+)*");

    private PortablePatterns() {
    }

    /** Rewrites the pattern of {@code schema}, if it has one, in place. */
    static void apply(Schema schema) {
        String pattern = schema.getPattern();
        if (pattern == null) {
            return;
        }
        if (WORDS.matcher(pattern).matches()) {
            schema.setPattern(null);
            List<Object> words = Arrays.asList((Object[]) pattern.split("\\|"));
            schema.setEnumeration(words);
            return;
        }
        schema.setPattern(portable(pattern));
    }

    /** The document's form of Cognito's pattern text {@code regex}. */
    static String portable(String regex) {
        String rewritten = REWRITTEN.get(regex);
        if (rewritten != null) {
            return rewritten;
        }
        if (regex.startsWith("^") && regex.endsWith("$")) {
            return regex;
        }
        return regex.contains("|") ? "^(?:" + regex + ")$" : "^" + regex + "$";
    }
}
