package io.userpools.auth.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.userpools.auth.SignInService;
import java.util.Map;

/**
 * The answer of a sign-in step: tokens, or a challenge with its {@code session} to answer
 * through {@code POST /auth/respond-to-challenge}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthenticationResponse(String accessToken, String idToken, String refreshToken, Long expiresIn,
        String tokenType, String challengeName, String session, Map<String, String> challengeParameters) {

    public static AuthenticationResponse of(SignInService.Result result) {
        if (result.tokens() != null) {
            var t = result.tokens();
            return new AuthenticationResponse(t.accessToken(), t.idToken(), t.refreshToken(), t.expiresIn(), "Bearer",
                    null, null, null);
        }
        return new AuthenticationResponse(null, null, null, null, null, result.challengeName(), result.session(),
                result.challengeParameters());
    }
}
