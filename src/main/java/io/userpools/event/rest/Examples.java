package io.userpools.event.rest;

final class Examples {

    static final String EVENT_PAGE = """
            {"events": [{"id": "evt_1042", "types": ["user.attributes.changed", "user.attribute.verified"],
              "pool": "us-east-1_Ab3dE6gH9",
              "user": {"sub": "3f6c2a0e-8d1b-4f5e-9a7c-2b4d6e8f0a1c", "username": "jane"},
              "version": 4, "time": "2026-12-06T04:30:00Z", "operation": "VerifyUserAttribute",
              "requestId": "8f2b6c1e-0a3d-4e5f-9b7c-1d2e3f4a5b6c",
              "actor": {"type": "user", "clientId": "5u7j9k2m4n6p8q1r3s5t7v9w0x", "sub": "3f6c2a0e-8d1b-4f5e-9a7c-2b4d6e8f0a1c"},
              "changes": {"attributes": {"email_verified": {"old": "false", "new": "true"}}}}],
             "cursor": "ZXYxOnVzLWVhc3QtMV9BYjNkRTZnSDk6ODIxOjEwNDI"}
            """;

    static final String SUBSCRIPTION = """
            {"url": "https://billing.internal.example/hooks/userpools",
             "events": ["user.created", "user.attributes.changed", "user.deleted"],
             "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}
            """;

    private Examples() {
    }
}
