package io.userpools.client;

import java.util.List;

/**
 * App client settings of Cognito's model that Userpools has no machinery for: the OAuth 2.0
 * authorization server and hosted UI, Pinpoint analytics, propagated user context data, a client
 * without token revocation, and an auth session other than three minutes. {@link ClientPolicy#cognitoOnly}
 * accepts each only at the value Userpools behaves as (which the AWS endpoint answers back) and
 * refuses any other with an InvalidParameterException naming it, so that nothing passes unheeded.
 * A null member was left out.
 */
public record CognitoOnlySettings(
        Boolean enableTokenRevocation,
        Boolean enablePropagateAdditionalUserContextData,
        Integer authSessionValidity,
        List<String> supportedIdentityProviders,
        List<String> callbackUrls,
        List<String> logoutUrls,
        String defaultRedirectUri,
        List<String> allowedOAuthFlows,
        List<String> allowedOAuthScopes,
        Boolean allowedOAuthFlowsUserPoolClient,
        boolean analyticsConfiguration) {

    /** Nothing given. */
    public static final CognitoOnlySettings NONE = new CognitoOnlySettings(null, null, null, null, null, null, null,
            null, null, null, false);
}
