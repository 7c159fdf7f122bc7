package io.userpools.auth;

/** Reads the credential out of an {@code Authorization: Bearer ...} header. */
public final class Bearer {

    private Bearer() {
    }

    /** The token, or null when the header is absent or not a bearer credential. */
    public static String token(String header) {
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
