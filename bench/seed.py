#!/usr/bin/env python3
"""Seeds the benchmark pool with the bulk import (standard library only).

Creates one pool with a mutable custom attribute `tier`, then imports users user00001 ..
userNNNNN with POST /pools/{poolId}/user-import-jobs (a Cognito-format CSV: cognito:username,
email = userNNNNN@example.com, email_verified = true, generated as it is sent, in jobs followed
until they end). An import needs a pool with an auto-verified attribute and users whose
auto-verified attribute is verified: the pool is created with autoVerifiedAttributes [email] and,
once every job has Succeeded, given back the settings of a pool created with its name and schema
alone (PUT /pools/{poolId} with an empty body: every setting returns to its default), the pool the
scenarios have always run on. Imported users are RESET_REQUIRED with no password.

With --auth-users K (> 0) it also prepares the sign-in and self-service scenarios: it creates an
app client (USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH, allowed to write custom:tier and
nickname, access tokens valid one day), gives user00001 .. userKKKKK the permanent password from
the environment variable BENCH_PASSWORD (PUT /pools/{poolId}/users/{username}/password, which
makes them CONFIRMED), signs each of them in once (POST /auth/sign-in) and writes their access
tokens, one per line, to --tokens-file, and the client id to --client-file.

Prints the pool id on stdout; progress and errors go to stderr. Exits 1 if any step failed.

scale-seed.py (the pool-size scenarios) imports its helpers from here: the HTTP calls, the CSV
import and the permanent passwords.
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
        print(f"seed: {label}: user number {i}: {status}: {body!r}", file=sys.stderr)
    return not failures


def username(i, digits):
    return f"user{i:0{digits}d}"


def csv_parts(first, last, digits, names):
    """The import CSV of users first..last, in parts of 10,000 lines: username, email (verified),
    with names also the standard attribute name ("User <n>")."""
    columns = ["cognito:username", "email", "email_verified"] + (["name"] if names else []) + ["cognito:mfa_enabled"]
    yield (",".join(columns) + "\r\n").encode()
    batch = []
    for i in range(first, last + 1):
        name = username(i, digits)
        batch.append(f"{name},{name}@example.com,true,{f'User {i},' if names else ''}false\r\n")
        if len(batch) == 10000:
            yield "".join(batch).encode()
            batch = []
    if batch:
        yield "".join(batch).encode()


def import_users(port, secret, pool, count, digits, names=False, chunk=250000, timeout=1800):
    """Imports users 1..count into the pool, in jobs of at most `chunk` users, each followed until
    it ends. Answers, when every job Succeeded with every one of its users imported, each job's
    users and seconds from the upload's answer to the job's end as seen by polling (the job phase,
    as bench/import measures it); None when one failed."""
    started = time.monotonic()
    jobs = []
    for first in range(1, count + 1, chunk):
        last = min(first + chunk - 1, count)
        started_job = time.monotonic()
        conn = connect(port)
        conn.putrequest("POST", f"/pools/{pool}/user-import-jobs?jobName=bench-{first}")
        conn.putheader("Content-Type", "text/csv")
        conn.putheader("Authorization", "Bearer " + secret)
        conn.putheader("Transfer-Encoding", "chunked")
        conn.endheaders()
        for part in csv_parts(first, last, digits, names):
            conn.send(b"%x\r\n%s\r\n" % (len(part), part))
        conn.send(b"0\r\n\r\n")
        resp = conn.getresponse()
        body = resp.read()
        conn.close()
        if resp.status != 201:
            print(f"seed: import of users {first}..{last} answered {resp.status}: {body[:500]!r}", file=sys.stderr)
            return False
        job = json.loads(body)["jobId"]
        uploaded = time.monotonic()
        deadline = uploaded + timeout
        while True:
            conn = connect(port)
            conn.request("GET", f"/pools/{pool}/user-import-jobs/{job}", headers={"Authorization": "Bearer " + secret})
            resp = conn.getresponse()
            status, body = resp.status, resp.read()
            conn.close()
            view = json.loads(body) if status == 200 else {}
            if view.get("status") in ("Succeeded", "Failed", "Stopped"):
                break
            if status != 200 or time.monotonic() > deadline:
                print(f"seed: import job {job}: {status} {body[:500]!r}", file=sys.stderr)
                return None
            time.sleep(0.1)
        ended = time.monotonic()
        expected = last - first + 1
        if view["status"] != "Succeeded" or view["importedUsers"] != expected:
            print(f"seed: import job {job} ended {view['status']} with {view['importedUsers']} of {expected}"
                  f" imported: {json.dumps(view)[:800]}", file=sys.stderr)
            return None
        job_s = max(ended - uploaded, 1e-6)
        jobs.append((expected, job_s))
        print(f"seed: pool {pool}: users {first}..{last}: upload {uploaded - started_job:.1f} s, job {job_s:.1f} s"
              f" ({expected / job_s:.0f} users/s)", file=sys.stderr)
    elapsed = max(time.monotonic() - started, 1e-6)
    print(f"seed: pool {pool}: {count} users imported in {elapsed:.1f} s ({count / elapsed:.0f}/s)", file=sys.stderr)
    return jobs


def set_passwords(port, secret, pool, count, digits, password, concurrency):
    """Gives users 1..count the permanent password (AdminSetUserPassword, Permanent=true): an
    imported user, RESET_REQUIRED, becomes CONFIRMED and can sign in."""
    def task(c, i, attempt):
        return call(c, "PUT", f"/pools/{pool}/users/{username(i, digits)}/password", secret,
                    {"password": password, "permanent": True})

    started = time.monotonic()
    failures = parallel(port, 1, count, concurrency, task)
    return timed(f"pool {pool}: permanent passwords", count, failures, started)


def prepare_auth(args, pool, password):
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

    if not set_passwords(args.port, args.secret, pool, args.auth_users, 5, password, args.concurrency):
        return False

    tokens = {}

    def sign_in(c, i, attempt):
        status, body = call(c, "POST", "/auth/sign-in", None,
                            {"clientId": client_id, "username": username(i, 5), "password": password})
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
    ap.add_argument("--concurrency", type=int, default=8, help="connections for the passwords and sign-ins")
    ap.add_argument("--auth-users", type=int, default=0)
    ap.add_argument("--tokens-file")
    ap.add_argument("--client-file")
    args = ap.parse_args()
    if args.auth_users > 0 and not (args.tokens_file and args.client_file):
        ap.error("--auth-users needs --tokens-file and --client-file")
    args.auth_users = min(args.auth_users, args.users)
    password = os.environ.get("BENCH_PASSWORD")
    if args.auth_users > 0 and not password:
        print("seed: BENCH_PASSWORD is not set", file=sys.stderr)
        return 1

    started = time.monotonic()
    conn = connect(args.port)
    status, body = call(conn, "POST", "/pools", args.secret, {
        "name": "bench",
        # for the import only: the settings return to the defaults below
        "autoVerifiedAttributes": ["email"],
        "schema": [{"name": "tier", "type": "String", "mutable": True}],
    })
    conn.close()
    if status != 201:
        print(f"seed: POST /pools answered {status}: {body[:500]!r}", file=sys.stderr)
        return 1
    pool = json.loads(body)["id"]

    if not import_users(args.port, args.secret, pool, args.users, 5):
        return 1
    # back to the pool {"name":"bench","schema":[tier]} alone: UpdateUserPool is a full replacement
    conn = connect(args.port)
    status, body = call(conn, "PUT", f"/pools/{pool}", args.secret, {})
    conn.close()
    if status != 200 or json.loads(body).get("autoVerifiedAttributes"):
        print(f"seed: PUT /pools/{pool} answered {status}: {body[:500]!r}", file=sys.stderr)
        return 1

    if args.auth_users > 0 and not prepare_auth(args, pool, password):
        return 1
    print(f"seed: pool {pool} seeded in {time.monotonic() - started:.1f} s", file=sys.stderr)
    print(pool)
    return 0


if __name__ == "__main__":
    sys.exit(main())
