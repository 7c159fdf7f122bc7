package io.userpools.messaging;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sign-up confirmation link of {@code CONFIRM_WITH_LINK} pools (lifecycle spec 8.4), less its
 * code: {@code <base>/pools/{poolId}/confirm-user?client_id=…&user_name=…&confirmation_code=…},
 * where the base is the service's public URL (the token issuers' base). In a link message each
 * {@code {##text##}} becomes {@code <a href="link">text</a>}; the text is HTML-escaped, each query
 * value URL-encoded. Pure. The escaping is written here (five characters), as no library on the
 * class path offers it and a template engine would be a new extension for one line.
 */
public record ConfirmationLink(String baseUrl, String poolId, String clientId, String username) {

    /** Cognito's pattern for {@code EmailMessageByLink}, as its error texts quote it. */
    public static final String MESSAGE_PATTERN =
            "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*\\{##[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*##\\}"
                    + "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*";
    /** A link placeholder; its text is group 1 ({@code {####}} is one with no text). */
    public static final Pattern PLACEHOLDER = Pattern.compile("\\{##(.*?)##\\}", Pattern.DOTALL);

    /** The link with this code. */
    public String url(String code) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + "/pools/" + encode(poolId) + "/confirm-user?client_id=" + encode(clientId) + "&user_name="
                + encode(username) + "&confirmation_code=" + encode(code);
    }

    /**
     * The message with each {@code {##text##}} (text not blank) a hyperlink to {@link #url}, and
     * {@code {####}} the code.
     */
    public String render(String message, String code) {
        String href = escape(url(code));
        Matcher m = PLACEHOLDER.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String text = m.group(1);
            m.appendReplacement(out, Matcher.quoteReplacement(text.isBlank() ? m.group()
                    : "<a href=\"" + href + "\">" + escape(text) + "</a>"));
        }
        m.appendTail(out);
        return out.toString().replace("{####}", code);
    }

    /**
     * Why a link message cannot be saved (lifecycle spec 8.3), or null: no {@code {##…##}} is
     * {@code The message is invalid.}; only ones without text ({@code {####}}) {@code The message is empty.}
     */
    public static String defect(String message) {
        Matcher m = PLACEHOLDER.matcher(message);
        boolean any = false;
        while (m.find()) {
            any = true;
            if (!m.group(1).isBlank()) {
                return null;
            }
        }
        return any ? "The message is empty." : "The message is invalid.";
    }

    /** HTML text and attribute escaping. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
