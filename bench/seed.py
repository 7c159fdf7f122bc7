#!/usr/bin/env python3
"""Seeds the benchmark pool over the REST API (standard library only).

Creates one pool with a mutable custom attribute `tier`, then creates users user00001 ..
userNNNNN with POST /pools/{poolId}/users from a few concurrent keep-alive connections.

With --auth-users K (> 0) it also prepares the sign-in and self-service scenarios: it creates an
app client (USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH, allowed to write custom:tier and
nickname, access tokens valid one day), gives user00001 .. userKKKKK the permanent password from
the environment variable BENCH_PASSWORD (PUT /pools/{poolId}/users/{username}/password), signs
each of them in once (POST /auth/sign-in) and writes their access tokens, one per line, to
--tokens-file, and the client id to --client-file.

Prints the pool id on stdout; progress and errors go to stderr. Exits 1 if any step failed.
"""
import argparse
import http.client
import json
import os
import sys
import threading
import time


def connect(port):
    return http.client.HTTPConnection("127.0.0.1", port, timeout=60)


def call(conn, method, path, secret, body):
    data = json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["Authorization"] = "Bearer " + secret
    conn.request(method, path, body=data, headers=headers)
    resp = conn.getresponse()
    return resp.status, resp.read()


def parallel(port, first, last, concurrency, task):
    """Runs task(conn, i) for i in first..last from `concurrency` keep-alive connections.

    task returns (status, body) for one attempt; 201, 200 and 204 count as done. A connection
    error or a 429/503 is retried (up to 3 attempts); task gets attempt > 0 on a retry, so that
    it can accept an answer that says the first attempt already did the work.
    Returns the list of failures (index, status, body).
    """
    next_index = [first]
    lock = threading.Lock()
    failures = []

    def take():
        with lock:
            i = next_index[0]
            if i > last:
                return None
            next_index[0] = i + 1
            return i

    def worker():
        c = connect(port)
        while True:
            i = take()
            if i is None:
                break
            ok = False
            for attempt in range(3):
                try:
                    status, body = task(c, i, attempt)
                except (OSError, http.client.HTTPException) as e:
                    c.close()
                    c = connect(port)
                    status, body = None, repr(e).encode()
                    continue
                ok = status in (200, 201, 204)
                if ok or status not in (429, 503):
                    break
                time.sleep(0.2)
            if not ok:
                with lock:
                    failures.append((i, status, body[:300]))
        c.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return failures


def timed(label, count, failures, started):
    elapsed = max(time.monotonic() - started, 1e-6)
    done = count - len(failures)
    print(f"seed: {label}: {done} of {count} in {elapsed:.1f} s ({done / elapsed:.0f}/s)", file=sys.stderr)
    for i, status, body in failures[:5]:
        print(f"seed: {label}: user{i:05d}: {status}: {body!r}", file=sys.stderr)
    return not failures


def create_users(args, pool):
    def task(c, i, attempt):
        name = f"user{i:05d}"
        status, body = call(c, "POST", f"/pools/{pool}/users", args.secret, {
            "username": name,
            "attributes": {"email": f"{name}@example.com"},
            # no invitation message: seeding must not depend on mail delivery
            "messageAction": "SUPPRESS",
        })
        # 409 after a retry: the first attempt did create the user
        return (201 if status == 409 and attempt > 0 else status), body

    started = time.monotonic()
    failures = parallel(args.port, 1, args.users, args.concurrency, task)
    return timed(f"pool {pool}: users", args.users, failures, started)


def prepare_auth(args, pool):
    password = os.environ.get("BENCH_PASSWORD")
    if not password:
        print("seed: BENCH_PASSWORD is not set", file=sys.stderr)
        return False
    conn = connect(args.port)
    status, body = call(conn, "POST", f"/pools/{pool}/clients", args.secret, {
        "name": "bench",
        "explicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        "writeAttributes": ["custom:tier", "nickname"],
        # the tokens are issued during seeding and used minutes later: the longest validity
        "accessTokenValidity": 24,
        "tokenValidityUnits": {"accessToken": "hours"},
    })
    conn.close()
    if status != 201:
        print(f"seed: POST /pools/{pool}/clients answered {status}: {body[:500]!r}", file=sys.stderr)
        return False
    client_id = json.loads(body)["clientId"]

    def set_password(c, i, attempt):
        return call(c, "PUT", f"/pools/{pool}/users/user{i:05d}/password", args.secret,
                    {"password": password, "permanent": True})

    started = time.monotonic()
    failures = parallel(args.port, 1, args.auth_users, args.concurrency, set_password)
    if not timed("permanent passwords", args.auth_users, failures, started):
        return False

    tokens = {}

    def sign_in(c, i, attempt):
        status, body = call(c, "POST", "/auth/sign-in", None,
                            {"clientId": client_id, "username": f"user{i:05d}", "password": password})
        if status == 200:
            token = json.loads(body).get("accessToken")
            if not token:  # a challenge instead of tokens
                return 0, body
            tokens[i] = token
        return status, body

    started = time.monotonic()
    failures = parallel(args.port, 1, args.auth_users, args.concurrency, sign_in)
    if not timed("sign-ins", args.auth_users, failures, started):
        return False
    with open(args.tokens_file, "w") as f:
        for i in sorted(tokens):
            f.write(tokens[i] + "\n")
    with open(args.client_file, "w") as f:
        f.write(client_id + "\n")
    print(f"seed: client {client_id}; {len(tokens)} access tokens in {args.tokens_file}", file=sys.stderr)
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--secret", required=True)
    ap.add_argument("--users", type=int, default=10000)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--auth-users", type=int, default=0)
    ap.add_argument("--tokens-file")
    ap.add_argument("--client-file")
    args = ap.parse_args()
    if args.auth_users > 0 and not (args.tokens_file and args.client_file):
        ap.error("--auth-users needs --tokens-file and --client-file")
    args.auth_users = min(args.auth_users, args.users)

    conn = connect(args.port)
    status, body = call(conn, "POST", "/pools", args.secret, {
        "name": "bench",
        "schema": [{"name": "tier", "type": "String", "mutable": True}],
    })
    if status != 201:
        print(f"seed: POST /pools answered {status}: {body[:500]!r}", file=sys.stderr)
        return 1
    pool = json.loads(body)["id"]
    conn.close()

    if not create_users(args, pool):
        return 1
    if args.auth_users > 0 and not prepare_auth(args, pool):
        return 1
    print(pool)
    return 0


if __name__ == "__main__":
    sys.exit(main())
