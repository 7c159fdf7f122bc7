package io.userpools.common;

import io.userpools.common.error.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque pagination tokens: the position after which the next page starts, tagged with what is
 * being listed so that a token of one listing is refused by another.
 */
public final class PageTokens {

    private PageTokens() {
    }

    public static String encode(String listing, String position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((listing + "\n" + position).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position in the token.
     *
     * @throws InvalidParameterException when the token is not one of this listing's
     */
    public static String decode(String listing, String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            if (newline > 0 && text.substring(0, newline).equals(listing)) {
                return text.substring(newline + 1);
            }
        } catch (IllegalArgumentException e) {
            // not base64: fall through to the same answer as any other bad token
        }
        throw new InvalidParameterException("Invalid pagination token");
    }
}
