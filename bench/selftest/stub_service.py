#!/usr/bin/env python3
"""A stand-in for the service, for testing bench/run before the service exists.

It answers the few calls the benchmark makes (readiness, create and update pool, the CSV user
import and its job, PATCH attributes; create client, set password, sign-in and PATCH
/me/attributes; AdminUpdateUserAttributes on the AWS protocol, whose signature it does not check)
from memory, without touching the database. It measures nothing about the real
service; it only lets the harness (seeding, wrk scripts, parsing, pgbench, the summary) run end
to end. Pool id from STUB_POOL_ID.
"""
import csv
import io
import json
import os
import re
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(os.environ["QUARKUS_HTTP_PORT"])
SECRETS = {pair.split(":", 1)[1] for pair in os.environ.get("USERPOOLS_ADMIN_KEYS", "").split(",") if ":" in pair}
POOL = os.environ.get("STUB_POOL_ID", "selftest_STUB00001")
READY_AT = time.monotonic() + float(os.environ.get("STUB_START_SECONDS", "1"))
users = {}
versions = {}
passwords = {}
tokens = {}  # access token -> username
jobs = {}  # import job id -> its view
CLIENT_ID = "stubclient0000000000000001"
# bench/run's second start (history off) finds the seeded users in the database; the stub keeps
# nothing between starts, so that start begins with the users the seeding made
if os.environ.get("USERPOOLS_HISTORY_ENABLED") == "false":
    for n in range(1, int(os.environ.get("BENCH_USERS", "10000")) + 1):
        name = "user%05d" % n
        users[name] = {"email": name + "@example.com", "email_verified": "true"}
        versions[name] = 1


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def answer(self, status, obj):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json" if status < 300 else "application/problem+json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def raw_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            parts = []
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()  # the empty line after the last chunk (no trailers sent)
                    return b"".join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline()
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n)

    def body(self):
        return json.loads(self.raw_body() or b"{}")

    def import_csv(self):
        # CreateUserImportJob with the file: every line a user, the job Succeeded at once
        rows = list(csv.DictReader(io.StringIO(self.raw_body().decode())))
        if not self.authorized():
            return
        for row in rows:
            name = row.pop("cognito:username")
            row.pop("cognito:mfa_enabled", None)
            users[name] = row
            versions[name] = 1
        job = "import-%d" % (len(jobs) + 1)
        jobs[job] = {"jobId": job, "poolId": POOL, "status": "Succeeded", "importedUsers": len(rows),
                     "skippedUsers": 0, "failedUsers": 0}
        self.answer(201, dict(jobs[job], status="Pending"))

    def authorized(self):
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Bearer ") and auth[7:] in SECRETS:
            return True
        self.answer(401, {"status": 401, "code": "NotAuthorizedException"})
        return False

    def do_GET(self):
        if self.path == "/q/health/ready":
            ok = time.monotonic() >= READY_AT
            self.answer(200 if ok else 503, {"status": "UP" if ok else "DOWN"})
            return
        m = re.fullmatch(rf"/pools/{re.escape(POOL)}/user-import-jobs/([^/]+)", self.path)
        if m and self.authorized():
            if m.group(1) in jobs:
                self.answer(200, jobs[m.group(1)])
            else:
                self.answer(404, {"status": 404, "code": "ResourceNotFoundException"})
        elif not m:
            self.answer(404, {"status": 404})

    def do_POST(self):
        if self.path.startswith(f"/pools/{POOL}/user-import-jobs?"):
            self.import_csv()
            return
        body = self.body()
        if self.path == "/auth/sign-in":  # public: no admin key
            name = body.get("username")
            if body.get("clientId") != CLIENT_ID or name not in passwords or passwords[name] != body.get("password"):
                self.answer(401, {"status": 401, "code": "NotAuthorizedException"})
                return
            token = f"stub.{name}.{len(tokens)}"
            tokens[token] = name
            self.answer(200, {"accessToken": token, "idToken": "stub", "refreshToken": "stub",
                              "expiresIn": 3600, "tokenType": "Bearer"})
            return
        if self.path == "/" and self.headers.get("X-Amz-Target", "").endswith(".AdminUpdateUserAttributes"):
            # the AWS protocol (SigV4 present, not verified by the stub)
            name = body.get("Username")
            if not self.headers.get("Authorization", "").startswith("AWS4-HMAC-SHA256 ") or name not in users:
                self.answer(400, {"__type": "UserNotFoundException", "message": "User does not exist."})
                return
            users[name].update({a["Name"]: a["Value"] for a in body.get("UserAttributes", [])})
            versions[name] += 1
            self.answer(200, {})
            return
        if not self.authorized():
            return
        if self.path == "/pools":
            self.answer(201, {"id": POOL, "name": body.get("name"),
                              "autoVerifiedAttributes": body.get("autoVerifiedAttributes", [])})
        elif self.path == f"/pools/{POOL}/clients":
            self.answer(201, {"clientId": CLIENT_ID, "poolId": POOL, "name": body.get("name")})
        else:
            self.answer(404, {"status": 404})

    def do_PUT(self):
        body = self.body()
        if not self.authorized():
            return
        if self.path == f"/pools/{POOL}":  # UpdateUserPool: every setting left out back to its default
            self.answer(200, {"id": POOL, "name": "bench", "autoVerifiedAttributes": body.get("autoVerifiedAttributes", [])})
            return
        m = re.fullmatch(rf"/pools/{re.escape(POOL)}/users/([^/]+)/password", self.path)
        if not m or m.group(1) not in users:
            self.answer(404, {"status": 404, "code": "UserNotFoundException"})
            return
        passwords[m.group(1)] = body.get("password")
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_PATCH(self):
        body = self.body()
        if self.path == "/me/attributes":
            name = tokens.get(self.headers.get("Authorization", "")[len("Bearer "):])
            if name is None:
                self.answer(401, {"status": 401, "code": "NotAuthorizedException"})
                return
            users[name].update(body.get("attributes", {}))
            versions[name] += 1
            self.answer(200, {"codeDeliveryDetails": [], "user": {"username": name, "attributes": users[name]}})
            return
        if not self.authorized():
            return
        m = re.fullmatch(rf"/pools/{re.escape(POOL)}/users/([^/]+)/attributes", self.path)
        if not m or m.group(1) not in users:
            self.answer(404, {"status": 404, "code": "UserNotFoundException"})
            return
        name = m.group(1)
        users[name].update(body.get("attributes", {}))
        versions[name] += 1
        self.answer(200, {"username": name, "attributes": users[name], "version": versions[name]})


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
