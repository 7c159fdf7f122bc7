#!/usr/bin/env python3
"""Seeds the benchmark pool over the REST API (standard library only).

Creates one pool with a mutable custom attribute `tier`, then creates users user00001 ..
userNNNNN with POST /pools/{poolId}/users from a few concurrent keep-alive connections.
Prints the pool id on stdout; progress and errors go to stderr. Exits 1 if any user could not
be created.
"""
import argparse
import http.client
import json
import sys
import threading
import time


def connect(port):
    return http.client.HTTPConnection("127.0.0.1", port, timeout=30)


def call(conn, method, path, secret, body):
    data = json.dumps(body).encode()
    conn.request(method, path, body=data, headers={
        "Content-Type": "application/json",
        "Authorization": "Bearer " + secret,
    })
    resp = conn.getresponse()
    return resp.status, resp.read()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--secret", required=True)
    ap.add_argument("--users", type=int, default=10000)
    ap.add_argument("--concurrency", type=int, default=8)
    args = ap.parse_args()

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

    next_index = [1]
    lock = threading.Lock()
    failures = []
    started = time.monotonic()

    def take():
        with lock:
            i = next_index[0]
            if i > args.users:
                return None
            next_index[0] = i + 1
            return i

    def worker():
        c = connect(args.port)
        while True:
            i = take()
            if i is None:
                break
            name = f"user{i:05d}"
            payload = {
                "username": name,
                "attributes": {"email": f"{name}@example.com"},
                # no invitation message: seeding must not depend on mail delivery
                "messageAction": "SUPPRESS",
            }
            for attempt in range(3):
                try:
                    status, body = call(c, "POST", f"/pools/{pool}/users", args.secret, payload)
                except (OSError, http.client.HTTPException) as e:
                    c.close()
                    c = connect(args.port)
                    status, body = None, repr(e).encode()
                    continue
                # 409 after a retry: the first attempt did create the user
                if status == 201 or (status == 409 and attempt > 0):
                    break
                if status not in (429, 503):
                    break
                time.sleep(0.2)
            if status != 201 and not (status == 409 and attempt > 0):
                with lock:
                    failures.append((name, status, body[:300]))
        c.close()

    threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    created = args.users - len(failures)
    print(f"seed: pool {pool}: {created} of {args.users} users in {elapsed:.1f} s "
          f"({created / elapsed:.0f}/s)", file=sys.stderr)
    for name, status, body in failures[:5]:
        print(f"seed: {name}: {status}: {body!r}", file=sys.stderr)
    if failures:
        return 1
    print(pool)
    return 0


if __name__ == "__main__":
    sys.exit(main())
