#!/usr/bin/env python3
"""Drives one bulk import for bench/import (issue 17) and prints what it measured as JSON.

Creates a pool (alias attribute email, auto-verified email, custom attributes tier and plan),
sends POST /pools/{poolId}/user-import-jobs with a Cognito-format CSV of --users users generated
as it is sent (cognito:username, email, email_verified=true, name, given_name, custom:tier,
custom:plan, cognito:mfa_enabled=false; no file on disk), then polls the job every 100 ms until
it ends. Meanwhile it samples the service's RSS (--pid) every 100 ms, and reads the CPU of the
service and of the PostgreSQL cluster (--pg-pid, the postmaster: it and its children) before
and after.

    import-driver.py --port P --secret S --users N --pid SERVICE_PID --pg-pid POSTMASTER_PID

Standard library only. Exits 1 when the job does not end Succeeded with every user imported.
"""
import argparse
import json
import os
import sys
import threading
import time

from seed import call, connect

HEADER = "cognito:username,email,email_verified,name,given_name,custom:tier,custom:plan,cognito:mfa_enabled\r\n"
TICK = os.sysconf("SC_CLK_TCK")


def csv_parts(n, prefix):
    yield HEADER.encode()
    batch = []
    for i in range(1, n + 1):
        name = f"{prefix}{i:07d}"
        batch.append(f"{name},{name}@example.com,true,User {i},Given{i % 977},tier{i % 7},plan-{i % 3},false\r\n")
        if len(batch) == 10000:
            yield "".join(batch).encode()
            batch = []
    if batch:
        yield "".join(batch).encode()


def ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except OSError:
        return 0


def tree_ticks(root):
    """CPU ticks of a process and its direct children (the postmaster and its backends)."""
    total = ticks(root)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == root:
                total += int(fields[11]) + int(fields[12])
    return total


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--secret", required=True)
    ap.add_argument("--users", type=int, required=True)
    ap.add_argument("--pid", type=int, required=True)
    ap.add_argument("--pg-pid", type=int, required=True)
    ap.add_argument("--timeout", type=int, default=3600)
    args = ap.parse_args()

    conn = connect(args.port)
    status, body = call(conn, "POST", "/pools", args.secret, {
        "name": f"import-{args.users}",
        "aliasAttributes": ["email"],
        "autoVerifiedAttributes": ["email"],
        "schema": [{"name": "tier", "type": "String", "mutable": True},
                   {"name": "plan", "type": "String", "mutable": True}],
    })
    conn.close()
    if status != 201:
        print(f"import: POST /pools answered {status}: {body[:500]!r}", file=sys.stderr)
        return 1
    pool = json.loads(body)["id"]

    rss = {"start": rss_mib(args.pid), "max": 0.0}
    done = threading.Event()

    def sample():
        while not done.is_set():
            try:
                rss["max"] = max(rss["max"], rss_mib(args.pid))
            except OSError:
                pass
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    svc0, pg0 = ticks(args.pid), tree_ticks(args.pg_pid)
    started = time.monotonic()
    conn = connect(args.port)
    conn.timeout = args.timeout
    conn.putrequest("POST", f"/pools/{pool}/user-import-jobs?jobName=bench-import")
    conn.putheader("Content-Type", "text/csv")
    conn.putheader("Authorization", "Bearer " + args.secret)
    conn.putheader("Transfer-Encoding", "chunked")
    conn.endheaders()
    for part in csv_parts(args.users, "u"):
        conn.send(b"%x\r\n%s\r\n" % (len(part), part))
    conn.send(b"0\r\n\r\n")
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    uploaded = time.monotonic()
    svc1, pg1 = ticks(args.pid), tree_ticks(args.pg_pid)
    if resp.status != 201:
        print(f"import: upload answered {resp.status}: {body[:500]!r}", file=sys.stderr)
        return 1
    job = json.loads(body)["jobId"]
    conn = connect(args.port)
    while True:
        conn.request("GET", f"/pools/{pool}/user-import-jobs/{job}",
                     headers={"Authorization": "Bearer " + args.secret})
        resp = conn.getresponse()
        status, body = resp.status, resp.read()
        view = json.loads(body) if status == 200 else {}
        if view.get("status") in ("Succeeded", "Failed", "Stopped"):
            break
        if status != 200 or time.monotonic() - uploaded > args.timeout:
            print(f"import: job {job}: {status} {body[:500]!r}", file=sys.stderr)
            return 1
        time.sleep(0.1)
    finished = time.monotonic()
    svc2, pg2 = ticks(args.pid), tree_ticks(args.pg_pid)
    done.set()
    sampler.join()
    rss_end = rss_mib(args.pid)
    conn.close()
    n = args.users
    upload_s, run_s, total_s = uploaded - started, finished - uploaded, finished - started
    result = {
        "pool": pool, "job": job, "status": view["status"], "users": n,
        "imported": view["importedUsers"], "failed": view["failedUsers"], "skipped": view["skippedUsers"],
        "upload_s": round(upload_s, 2), "run_s": round(run_s, 2), "total_s": round(total_s, 2),
        "run_users_per_s": round(n / max(run_s, 1e-6)), "total_users_per_s": round(n / max(total_s, 1e-6)),
        "service_cpu_s_upload": round((svc1 - svc0) / TICK, 2), "service_cpu_s_run": round((svc2 - svc1) / TICK, 2),
        "pg_cpu_s_upload": round((pg1 - pg0) / TICK, 2), "pg_cpu_s_run": round((pg2 - pg1) / TICK, 2),
        "rss_mib_start": round(rss["start"]), "rss_mib_max": round(rss["max"]), "rss_mib_end": round(rss_end),
    }
    print(json.dumps(result))
    ok = view["status"] == "Succeeded" and view["importedUsers"] == n
    if not ok:
        print(f"import: job ended {json.dumps(view)[:800]}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
