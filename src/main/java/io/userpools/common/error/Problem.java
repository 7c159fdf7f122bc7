package io.userpools.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem document, the body of every non-2xx answer. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", requiredProperties = {"type", "title", "status", "code"}, description = "RFC 9457 problem details; `code` is the Cognito exception name")
public record Problem(
        @Schema(example = "urn:userpools:error:UserNotFoundException") String type,
        @Schema(example = "Not Found") String title,
        @Schema(example = "404") int status,
        @Schema(example = "User does not exist.") String detail,
        @Schema(example = "UserNotFoundException") String code,
        @Schema(example = "6f1c2a9e-8d1e-4a4b-9f0e-2b8e1f9a7c11") String requestId,
        List<CognitoException.Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(String code, int status, String detail, String requestId,
            List<CognitoException.Violation> violations) {
        return new Problem("urn:userpools:error:" + code, reason(status), status, detail, code, requestId, violations);
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Internal Server Error";
        };
    }
}
