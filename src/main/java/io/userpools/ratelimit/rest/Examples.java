package io.userpools.ratelimit.rest;

final class Examples {

    static final String RATE_LIMITS = """
            {"limits": {"UserUpdate": 25, "UserRead": 120, "UserList": 30}}
            """;

    private Examples() {
    }
}
