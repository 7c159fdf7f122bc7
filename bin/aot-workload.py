#!/usr/bin/env python3
"""The training workload of bin/build-aot (standard library only).

Drives the service on 127.0.0.1:PORT (admin key from the environment variable AOT_ADMIN_KEY)
through the operations that production traffic uses most, the success paths and the common
error answers, so that the JDK's AOT cache records the classes they load and the profiles of
the methods they run. Every call must answer the status this script expects: a wrong answer
means the training ran against a broken service, and the script exits 1 so that no cache is
kept from it.

    bin/aot-workload.py PORT [ROUNDS]
"""
import http.client
import json
import os
import sys

PASSWORD = "Training#1-" + os.urandom(6).hex()


class Client:
    def __init__(self, port, admin_key):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.admin = "Bearer " + admin_key

    def call(self, method, path, expect, body=None, auth=None, headers=None, raw=None):
        hdrs = dict(headers or {})
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
        if data is not None and "Content-Type" not in hdrs:
            hdrs["Content-Type"] = "application/json"
        if auth is not None:
            hdrs["Authorization"] = auth
        self.conn.request(method, path, body=data, headers=hdrs)
        resp = self.conn.getresponse()
        payload = resp.read()
        if resp.status != expect:
            raise SystemExit(f"aot-workload: {method} {path} answered {resp.status}, "
                             f"expected {expect}: {payload[:300]!r}")
        return json.loads(payload) if payload and payload[:1] in b"{[" else None


def pool_and_users(c, rounds):
    pool = c.call("POST", "/pools", 201, auth=c.admin, body={
        "name": "training",
        "schema": [{"name": "tier", "type": "String", "mutable": True},
                   {"name": "score", "type": "Number", "mutable": True}],
        "aliasAttributes": ["email", "preferred_username"],
    })["id"]
    for i in range(rounds):
        c.call("POST", f"/pools/{pool}/users", 201, auth=c.admin, body={
            "username": f"user{i:04d}",
            "attributes": {"email": f"user{i:04d}@example.com", "custom:tier": "bronze"},
            "messageAction": "SUPPRESS",
        })
    return pool


def admin_paths(c, pool, rounds):
    users = f"/pools/{pool}/users"
    for i in range(rounds):
        name = f"user{i:04d}"
        c.call("PATCH", f"{users}/{name}/attributes", 200, auth=c.admin,
               body={"attributes": {"custom:tier": f"gold-{i}"}})
        c.call("PATCH", f"{users}/{name}/attributes", 200, auth=c.admin,
               body={"attributes": {"custom:score": str(i), "nickname": f"n{i}",
                                    "preferred_username": f"pref{i:04d}"},
                     "clientMetadata": {"source": "training"}})
        c.call("GET", f"{users}/{name}", 200, auth=c.admin)
        c.call("DELETE", f"{users}/{name}/attributes?name=nickname", 200, auth=c.admin)
        # the common mistakes: unknown attribute, immutable sub, unknown user, bad JSON, no key
        c.call("PATCH", f"{users}/{name}/attributes", 400, auth=c.admin,
               body={"attributes": {"custom:nope": "x"}})
        c.call("PATCH", f"{users}/{name}/attributes", 400, auth=c.admin,
               body={"attributes": {"sub": "x"}})
        c.call("PATCH", f"{users}/nobody-{i}/attributes", 404, auth=c.admin,
               body={"attributes": {"custom:tier": "x"}})
        c.call("PATCH", f"{users}/{name}/attributes", 400, auth=c.admin, raw=b"{not json")
        c.call("GET", f"{users}/{name}", 401)
    c.call("GET", f"{users}?limit=5", 200, auth=c.admin)
    c.call("GET", f"{users}?filter=" + "email%20%5E%3D%20%22user%22", 200, auth=c.admin)
    c.call("GET", f"/pools/{pool}", 200, auth=c.admin)
    c.call("GET", f"/pools/{pool}/rate-limits", 200, auth=c.admin)


def token_paths(c, pool, rounds):
    client = c.call("POST", f"/pools/{pool}/clients", 201, auth=c.admin, body={
        "name": "training",
        "explicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        "writeAttributes": ["custom:tier", "nickname"],
    })["clientId"]
    users = f"/pools/{pool}/users"
    for i in range(min(rounds, 4)):
        name = f"user{i:04d}"
        c.call("PUT", f"{users}/{name}/password", 204, auth=c.admin,
               body={"password": PASSWORD, "permanent": True})
        tokens = c.call("POST", "/auth/sign-in", 200,
                        body={"clientId": client, "username": name, "password": PASSWORD})
        bearer = "Bearer " + tokens["accessToken"]
        for j in range(rounds):
            c.call("PATCH", "/me/attributes", 200, auth=bearer,
                   body={"attributes": {"custom:tier": f"self-{j}"}})
        c.call("GET", "/me", 200, auth=bearer)
        c.call("DELETE", "/me/attributes?name=nickname", 200, auth=bearer)
        c.call("POST", "/auth/refresh", 200,
               body={"clientId": client, "refreshToken": tokens["refreshToken"]})
        c.call("POST", "/auth/sign-in", 401,
               body={"clientId": client, "username": name, "password": "wrong"})
        c.call("GET", "/me", 401, auth="Bearer not.a.token")
        c.call("POST", "/me/global-sign-out", 204, auth=bearer)
        c.call("GET", "/me", 401, auth=bearer)
    c.call("GET", f"/pools/{pool}/.well-known/jwks.json", 200)
    c.call("GET", f"/pools/{pool}/.well-known/openid-configuration", 200)


def main():
    port = int(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    c = Client(port, os.environ["AOT_ADMIN_KEY"])
    pool = pool_and_users(c, rounds)
    admin_paths(c, pool, rounds)
    token_paths(c, pool, rounds)
    c.call("GET", "/q/health/ready", 200)
    c.call("GET", "/q/health/live", 200)
    c.call("DELETE", f"/pools/{pool}", 204, auth=c.admin)
    print(f"aot-workload: {rounds} rounds done", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
