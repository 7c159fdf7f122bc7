package io.userpools.history.rest;

/** Answer examples for the OpenAPI document. */
final class Examples {

    static final String HISTORY = """
            {
              "entries": [
                {
                  "id": 4182,
                  "sub": "5b0c9a3e-8d2f-4b61-9e57-1f2a3b4c5d6e",
                  "username": "jdoe",
                  "version": 3,
                  "kind": "updated",
                  "operation": "AdminUpdateUserAttributes",
                  "requestId": "6f1c2a9e-2b1d-4c3e-8f4a-5b6c7d8e9f01",
                  "actor": {"type": "admin", "keyId": "ops"},
                  "changes": {
                    "attributes": {"custom:tier": {"old": "silver", "new": "gold"}, "phone_number": {"kept": false}}
                  },
                  "changedAt": "2026-11-30T09:15:02.114Z"
                },
                {
                  "id": 4001,
                  "sub": "5b0c9a3e-8d2f-4b61-9e57-1f2a3b4c5d6e",
                  "username": "jdoe",
                  "version": 2,
                  "kind": "updated",
                  "operation": "VerifyUserAttribute",
                  "requestId": "0a9b8c7d-6e5f-4a3b-9c2d-1e0f2a3b4c5d",
                  "actor": {"type": "service", "reason": "code-verification"},
                  "changes": {
                    "attributes": {"email_verified": {"old": "false", "new": "true"}}
                  },
                  "changedAt": "2026-11-29T17:40:55.020Z"
                }
              ],
              "paginationToken": "djEuQUVTLUdDTS4uLg"
            }""";

    private Examples() {
    }
}
