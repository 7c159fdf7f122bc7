package io.userpools.common.validation;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What text the service accepts at all: well-formed Unicode (no lone surrogate, from a JSON
 * {@code \ud800} escape or otherwise) without NUL, which PostgreSQL's {@code text} and
 * {@code jsonb} cannot hold. Input that breaks either is refused, never altered: the database
 * driver would store a lone surrogate as {@code ?}, and NUL fails the statement. Bytes are
 * checked as strict UTF-8 by the JDK's decoder (no overlong forms, no encoded surrogates, nothing
 * above U+10FFFF), which Jackson's own decoding does not enforce. Pure functions.
 */
public final class UnicodeText {

    /** Our wording [D]: Cognito documents no text for these. */
    public static final String NOT_UNICODE = "is not valid Unicode";
    public static final String HAS_NUL = "must not contain NUL";
    public static final String NOT_UTF8 = "is not valid UTF-8";
    public static final String BAD_ESCAPE = "has a malformed percent-escape";

    private UnicodeText() {
    }

    /** What is wrong with {@code text} ({@link #NOT_UNICODE}, {@link #HAS_NUL}), or null when nothing is. */
    public static String defect(CharSequence text) {
        boolean nul = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                nul = true;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return NOT_UNICODE;
                }
            } else if (Character.isLowSurrogate(c)) {
                return NOT_UNICODE;
            }
        }
        return nul ? HAS_NUL : null;
    }

    /** Whether these bytes are well-formed UTF-8 as a whole (an unfinished sequence at the end is not). */
    public static boolean isUtf8(ByteBuffer bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer scratch = CharBuffer.allocate(Math.min(1024, Math.max(2, bytes.remaining())));
        while (true) {
            CoderResult result = decoder.decode(bytes, scratch, true);
            if (result.isError()) {
                return false;
            }
            if (result.isUnderflow()) {
                return !decoder.flush(scratch.clear()).isError();
            }
            scratch.clear();
        }
    }

    /**
     * What is wrong with a part of a request URI as it came ({@code %}-escaped, raw bytes as
     * characters up to U+00FF), once decoded: {@link #BAD_ESCAPE}, {@link #NOT_UTF8},
     * {@link #HAS_NUL}; null when nothing is.
     */
    public static String defectOfEncoded(String encoded) {
        int n = encoded.length();
        byte[] bytes = null;
        int size = 0;
        for (int i = 0; i < n; i++) {
            char c = encoded.charAt(i);
            if (c == '%' || c > 0x7F || c == 0) {
                if (bytes == null) {
                    bytes = new byte[n];
                    for (int j = 0; j < i; j++) {
                        bytes[size++] = (byte) encoded.charAt(j);
                    }
                }
                if (c == '%') {
                    int high = i + 2 < n ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                    int low = high < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
                    if (low < 0) {
                        return BAD_ESCAPE;
                    }
                    bytes[size++] = (byte) (high << 4 | low);
                    i += 2;
                } else if (c > 0xFF) {
                    return NOT_UTF8;
                } else {
                    bytes[size++] = (byte) c;
                }
            } else if (bytes != null) {
                bytes[size++] = (byte) c;
            }
        }
        if (bytes == null) {
            return null;
        }
        for (int i = 0; i < size; i++) {
            if (bytes[i] == 0) {
                return HAS_NUL;
            }
        }
        return isUtf8(ByteBuffer.wrap(bytes, 0, size)) ? null : NOT_UTF8;
    }
}
