package io.userpools.trigger;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * Cognito's CustomMessage event ([2.14]), sent as JSON to the pool's webhook and, filled in,
 * read back from its answer.
 */
@RegisterForReflection
public record CustomMessageEvent(String version, String triggerSource, String region, String userPoolId,
        String userName, CallerContext callerContext, Request request, Response response) {

    public static final String CODE_PARAMETER = "{####}";
    /** Where an invitation names the user (AdminCreateUser only). */
    public static final String USERNAME_PARAMETER = "{username}";
    /** Where a sign-up confirmation email of a CONFIRM_WITH_LINK pool puts its link (lifecycle spec 2.5, 8.4). */
    public static final String LINK_PARAMETER = "{##Click Here##}";
    public static final String CLIENT_ID_NOT_APPLICABLE = "CLIENT_ID_NOT_APPLICABLE";

    @RegisterForReflection
    public record CallerContext(String awsSdkVersion, String clientId) {
    }

    /**
     * {@code clientMetadata} is left out when the caller sent none; {@code linkParameter} is null
     * but for the email of sign-up confirmation in a CONFIRM_WITH_LINK pool.
     */
    @RegisterForReflection
    public record Request(Map<String, String> userAttributes, String codeParameter, String linkParameter,
            String usernameParameter, @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> clientMetadata) {
    }

    @RegisterForReflection
    public record Response(String smsMessage, String emailMessage, String emailSubject) {

        public static final Response EMPTY = new Response(null, null, null);
    }
}
