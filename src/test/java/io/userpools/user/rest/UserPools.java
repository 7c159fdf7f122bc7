package io.userpools.user.rest;

import io.userpools.support.Api;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Pool bodies for the user endpoint tests; every call makes a fresh pool. */
final class UserPools {

    private UserPools() {
    }

    static String plain(boolean caseSensitive) {
        return create(Map.of("usernameCaseSensitive", caseSensitive));
    }

    /** Users sign in by email or phone number (UsernameAttributes), usernames case-insensitive. */
    static String usernameAttributes() {
        return create(Map.of("usernameAttributes", List.of("email", "phone_number"),
                "autoVerifiedAttributes", List.of("email"), "usernameCaseSensitive", false));
    }

    /** email, phone_number and preferred_username are aliases; usernames case-insensitive. */
    static String aliases() {
        return create(Map.of("aliasAttributes", List.of("email", "phone_number", "preferred_username"),
                "autoVerifiedAttributes", List.of("email"), "usernameCaseSensitive", false));
    }

    static String withPasswordPolicy(int minimumLength, boolean upper, boolean lower, boolean numbers,
            boolean symbols) {
        return create(Map.of("passwordPolicy", Map.of("minimumLength", minimumLength, "requireUppercase", upper,
                "requireLowercase", lower, "requireNumbers", numbers, "requireSymbols", symbols,
                "temporaryPasswordValidityDays", 7)));
    }

    static String create(Map<String, Object> settings) {
        Map<String, Object> body = new HashMap<>(settings);
        body.put("name", "users-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("schema", List.of(Map.of("name", "tier", "type", "String", "mutable", true)));
        return Api.createPool(body);
    }
}
