package io.userpools.signup.rest;

import io.userpools.messaging.ConfirmationLink;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The small HTML page that answers a confirmation link (lifecycle spec 8.4): self-contained (no
 * script, style, image or other resource, which its Content-Security-Policy forbids anyway), every
 * text HTML-escaped, never cached, and no Referer (the page's URL holds the code). Pure.
 */
final class ConfirmationPage {

    static final String SECURITY_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";
    static final String CONFIRMED = "Your account is confirmed. You can now sign in.";
    static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("utf-8");

    private ConfirmationPage() {
    }

    /** The page for a confirmed user (200). */
    static Response confirmed() {
        return page(200, "Account confirmed", CONFIRMED, null);
    }

    /** The page for a refusal: Cognito's message and exception name. */
    static Response refused(int status, String code, String message, Long retryAfterSeconds) {
        return page(status, "The account could not be confirmed", message + " (" + code + ")", retryAfterSeconds);
    }

    private static Response page(int status, String title, String message, Long retryAfterSeconds) {
        String body = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>" + ConfirmationLink.escape(title)
                + "</title></head>\n<body><h1>" + ConfirmationLink.escape(title) + "</h1>\n<p>"
                + ConfirmationLink.escape(message) + "</p></body></html>\n";
        Response.ResponseBuilder builder = Response.status(status).type(HTML).entity(body)
                .header("Content-Security-Policy", SECURITY_POLICY)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff");
        if (retryAfterSeconds != null) {
            builder.header("Retry-After", retryAfterSeconds);
        }
        return builder.build();
    }
}
