#!/usr/bin/env python3
"""Starts a command and prints the milliseconds until GET /q/health/ready on 127.0.0.1:PORT first
answers 200, then leaves the service running and prints its pid on a second line.

    bench/first-ready.py PORT LOG COMMAND [ARG ...]

The service's output goes to LOG. The poller is one process that tries a TCP connect every 5 ms
and sends the request only once the port accepts: a refused connect costs microseconds. (Polling
with curl from a shell loop, as the scripts did before 2026-12-01, spent about 18 ms of CPU per
try, close to two thirds of one of this machine's two cores, taken from the JVM it was timing.)
Exits 2 when the command exits first or is not ready after FIRST_READY_TIMEOUT seconds (default
120). FIRST_READY_DETAIL=1 also prints, on stderr, when the port first accepted a connection, and the
service's minor page faults and CPU seconds when it answered ready.
"""
import os
import socket
import subprocess
import sys
import time

port, log_path, command = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
timeout = float(os.environ.get("FIRST_READY_TIMEOUT", "120"))
request = b"GET /q/health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"


accepted = None


def ready():
    global accepted
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            if accepted is None:
                accepted = time.monotonic()
            s.sendall(request)
            head = s.recv(64)
            return head.startswith(b"HTTP/1.1 200")
    except OSError:
        return False


with open(log_path, "wb") as log:
    t0 = time.monotonic()
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    while not ready():
        if process.poll() is not None:
            print(f"first-ready: the command exited with {process.returncode}", file=sys.stderr)
            sys.exit(2)
        if time.monotonic() - t0 > timeout:
            process.terminate()
            print(f"first-ready: not ready after {timeout:g} s", file=sys.stderr)
            sys.exit(2)
        time.sleep(0.005)
    done = time.monotonic()
    print(round((done - t0) * 1000))
    if os.environ.get("FIRST_READY_DETAIL"):
        stat = open(f"/proc/{process.pid}/stat").read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        print(f"first-ready: port open after {round((accepted - t0) * 1000)} ms; at ready: "
              f"{stat[7]} minor page faults, cpu user {int(stat[11]) / ticks:.2f} s system {int(stat[12]) / ticks:.2f} s",
              file=sys.stderr)
    print(process.pid)
    sys.stdout.flush()
    os._exit(0)
