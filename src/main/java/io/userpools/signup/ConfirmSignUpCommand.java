package io.userpools.signup;

/** ConfirmSignUp from either facade (lifecycle 3.2); its client metadata has no use here (no post-confirmation trigger). */
public record ConfirmSignUpCommand(String clientId, String secretHash, String username, String code,
        boolean forceAliasCreation) {
}
