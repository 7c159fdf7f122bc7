#!/usr/bin/env python3
"""Seeds one pool of the pool-size scenarios (bench/run with BENCH_SCALE=1) with the bulk import.

Creates a pool whose users sign in by username or by their verified email (alias attribute
email, auto-verified email, custom attribute tier) and an app client for USER_PASSWORD_AUTH, then
imports users user0000001 .. userNNNNNNN (--digits digits, 7 by default: the same width at every
pool size, so that a name without its last digit is the prefix of ten names at 10,000 users as at
a million) with POST /pools/{poolId}/user-import-jobs: a Cognito-format CSV (cognito:username, email,
email_verified=true, name), generated as it is sent, in jobs of at most --chunk users, each
followed with GET .../user-import-jobs/{jobId} until it ends (seed.py's import_users, which the
main pool's seeding uses too). Imported users are RESET_REQUIRED (Cognito's status for imports),
so the first --auth-users of them are then given the permanent password from the environment
variable BENCH_PASSWORD for the sign-in scenario.

Prints "<pool id> <client id> <users/s of the first job> <users/s of all jobs>" on stdout (job
phase: from the upload's answer to the job's end; the first job imports into the empty pool);
progress and errors go to stderr. Exits 1 if any step failed (a job not Succeeded, or with failed
or skipped users).
"""
import argparse
import json
import os
import sys

from seed import call, connect, import_users, set_passwords


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

    jobs = import_users(args.port, args.secret, pool, args.users, args.digits, names=True, chunk=args.chunk,
                        timeout=args.timeout)
    if jobs is None:
        return 1
    if not set_passwords(args.port, args.secret, pool, args.auth_users, args.digits, password, args.concurrency):
        return 1
    # the first job went into the empty pool (issue 17's import target); all jobs, for reference
    print(pool, client_id, round(jobs[0][0] / jobs[0][1]), round(sum(n for n, _ in jobs) / sum(s for _, s in jobs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
