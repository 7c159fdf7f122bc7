#!/usr/bin/env python3
"""Seeds one pool of the pool-size scenarios (bench/run with BENCH_SCALE=1) with the bulk import.

Creates a pool whose users sign in by username or by their verified email (alias attribute
email, auto-verified email, custom attribute tier) and an app client for USER_PASSWORD_AUTH, then
imports users user0000001 .. userNNNNNNN (--digits digits, 7 by default: the same width at every
pool size, so that a name without its last digit is the prefix of ten names at 10,000 users as at
a million) with POST /pools/{poolId}/user-import-jobs: a Cognito-format CSV (cognito:username, email, email_verified=true, name), generated as it is sent, in jobs of at
most --chunk users, each followed with GET .../user-import-jobs/{jobId} until it ends. Imported
users are RESET_REQUIRED (Cognito's status for imports), so the first --auth-users of them are
then given the permanent password from the environment variable BENCH_PASSWORD for the sign-in
scenario.

Prints "<pool id> <client id>" on stdout; progress and errors go to stderr. Exits 1 if any step
failed (a job not Succeeded, or with failed or skipped users).
"""
import argparse
import json
import os
import sys
import time

from seed import call, connect, parallel, timed

HEADER = "cognito:username,email,email_verified,name,cognito:mfa_enabled\r\n"


def csv_lines(first, last, digits):
    yield HEADER.encode()
    batch = []
    for i in range(first, last + 1):
        name = f"user{i:0{digits}d}"
        batch.append(f"{name},{name}@example.com,true,User {i},false\r\n")
        if len(batch) == 10000:
            yield "".join(batch).encode()
            batch = []
    if batch:
        yield "".join(batch).encode()


def import_users(args, pool):
    started = time.monotonic()
    for first in range(1, args.users + 1, args.chunk):
        last = min(first + args.chunk - 1, args.users)
        conn = connect(args.port)
        conn.putrequest("POST", f"/pools/{pool}/user-import-jobs?jobName=bench-{first}")
        conn.putheader("Content-Type", "text/csv")
        conn.putheader("Authorization", "Bearer " + args.secret)
        conn.putheader("Transfer-Encoding", "chunked")
        conn.endheaders()
        for part in csv_lines(first, last, args.digits):
            conn.send(b"%x\r\n%s\r\n" % (len(part), part))
        conn.send(b"0\r\n\r\n")
        resp = conn.getresponse()
        body = resp.read()
        conn.close()
        if resp.status != 201:
            print(f"seed: import of users {first}..{last} answered {resp.status}: {body[:500]!r}", file=sys.stderr)
            return False
        job = json.loads(body)["jobId"]
        deadline = time.monotonic() + args.timeout
        while True:
            conn = connect(args.port)
            conn.request("GET", f"/pools/{pool}/user-import-jobs/{job}",
                         headers={"Authorization": "Bearer " + args.secret})
            resp = conn.getresponse()
            status, body = resp.status, resp.read()
            conn.close()
            view = json.loads(body) if status == 200 else {}
            if view.get("status") in ("Succeeded", "Failed", "Stopped"):
                break
            if status != 200 or time.monotonic() > deadline:
                print(f"seed: import job {job}: {status} {body[:500]!r}", file=sys.stderr)
                return False
            time.sleep(0.5)
        expected = last - first + 1
        if view["status"] != "Succeeded" or view["importedUsers"] != expected:
            print(f"seed: import job {job} ended {view['status']} with {view['importedUsers']} of {expected}"
                  f" imported: {json.dumps(view)[:800]}", file=sys.stderr)
            return False
    elapsed = max(time.monotonic() - started, 1e-6)
    print(f"seed: pool {pool}: {args.users} users imported in {elapsed:.1f} s ({args.users / elapsed:.0f}/s)",
          file=sys.stderr)
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--secret", required=True)
    ap.add_argument("--users", type=int, required=True)
    ap.add_argument("--auth-users", type=int, default=50)
    ap.add_argument("--digits", type=int, default=7, help="digits of the number in a username")
    ap.add_argument("--chunk", type=int, default=250000)
    ap.add_argument("--concurrency", type=int, default=4)
    ap.add_argument("--timeout", type=int, default=1800, help="seconds to wait for one import job")
    args = ap.parse_args()
    password = os.environ.get("BENCH_PASSWORD")
    if not password:
        print("seed: BENCH_PASSWORD is not set", file=sys.stderr)
        return 1
    args.auth_users = min(args.auth_users, args.users)

    conn = connect(args.port)
    status, body = call(conn, "POST", "/pools", args.secret, {
        "name": f"bench-{args.users}",
        "aliasAttributes": ["email"],
        "autoVerifiedAttributes": ["email"],
        "schema": [{"name": "tier", "type": "String", "mutable": True}],
    })
    if status != 201:
        print(f"seed: POST /pools answered {status}: {body[:500]!r}", file=sys.stderr)
        return 1
    pool = json.loads(body)["id"]
    status, body = call(conn, "POST", f"/pools/{pool}/clients", args.secret, {
        "name": "bench", "explicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]})
    conn.close()
    if status != 201:
        print(f"seed: POST /pools/{pool}/clients answered {status}: {body[:500]!r}", file=sys.stderr)
        return 1
    client_id = json.loads(body)["clientId"]

    if not import_users(args, pool):
        return 1

    def set_password(c, i, attempt):
        return call(c, "PUT", f"/pools/{pool}/users/user{i:0{args.digits}d}/password", args.secret,
                    {"password": password, "permanent": True})

    started = time.monotonic()
    failures = parallel(args.port, 1, args.auth_users, args.concurrency, set_password)
    if not timed(f"pool {pool}: permanent passwords", args.auth_users, failures, started):
        return 1
    print(pool, client_id)
    return 0


if __name__ == "__main__":
    sys.exit(main())
