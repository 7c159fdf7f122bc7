#!/usr/bin/env python3
"""Pre-signs AdminUpdateUserAttributes requests for the AWS protocol scenarios (issue 13).

wrk's Lua has no HMAC, so the requests are signed here, with botocore's own SigV4 signer (as boto3
and the AWS CLI sign them), and wrk cycles through them. A signature is good for 15 minutes (the
service's clock skew limit), so bench/run signs right before each AWS scenario.

    aws-presign.py --port P --pool POOL --key-id ID --users N --requests K --threads T \
        --mode one|random --label L --out FILE

Every request sets custom:tier of one user to "gold-aws-<label>-<time>-<n>", the shape of the REST
scenario, with a value no other request has. Each wrk thread gets a sequence of its own (at least
K / T requests), which it cycles through:
- one: every request updates user00001;
- random: rounds of all the users in a random order, at least two, so that a user's next request
  in the sequence always sets another value than its last one, however often the thread cycles
  and whatever the other threads do: every request is a real change (a write that changes
  nothing would not add a row version, and bench/run counts them). The warm-up gets a file of
  its own (another label), so the measured run repeats none of its requests either.

Each line of FILE is "<thread>\\t<X-Amz-Date>\\t<Authorization>\\t<body>", thread 1..T (the Lua
script adds Content-Type and X-Amz-Target, which are signed too, and wrk the Host, which is
127.0.0.1:<port> as signed).
The secret comes from the environment (BENCH_SECRET), never a command line. Before writing, one
extra request (value "aws-smoke") is sent to the service, so that a broken route or signature
stops the run here with the service's answer.
"""
import argparse
import http.client
import json
import os
import random
import sys
import time

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

TARGET = "AWSCognitoIdentityProviderService.AdminUpdateUserAttributes"
MEDIA = "application/x-amz-json-1.1"


def signed(signer, url, pool, user, value):
    body = json.dumps({"UserPoolId": pool, "Username": "user%05d" % user,
                       "UserAttributes": [{"Name": "custom:tier", "Value": value}]}, separators=(",", ":"))
    request = AWSRequest(method="POST", url=url, data=body.encode(),
                         headers={"Content-Type": MEDIA, "X-Amz-Target": TARGET})
    signer.add_auth(request)
    return request.headers["X-Amz-Date"], request.headers["Authorization"], body


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pool", required=True)
    parser.add_argument("--key-id", required=True)
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--users", type=int, required=True)
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--mode", choices=["one", "random"], required=True)
    parser.add_argument("--label", default="run")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    secret = os.environ.get("BENCH_SECRET") or sys.exit("aws-presign: BENCH_SECRET is not set")
    url = "http://127.0.0.1:%d/" % args.port
    signer = SigV4Auth(Credentials(args.key_id, secret), "cognito-idp", args.region)

    date, authorization, body = signed(signer, url, args.pool, 1, "aws-smoke")
    conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
    conn.request("POST", "/", body=body.encode(), headers={"Content-Type": MEDIA, "X-Amz-Target": TARGET,
                                                           "X-Amz-Date": date, "Authorization": authorization})
    answer = conn.getresponse()
    text = answer.read()[:500]
    if answer.status != 200:
        sys.exit("aws-presign: the signed smoke request answered %d: %s" % (answer.status, text))

    per_thread = -(-args.requests // args.threads)
    started = time.time()
    prefix = "gold-aws-%s-%d-" % (args.label, int(started))
    n = 0
    with open(args.out, "w") as f:
        for thread in range(1, args.threads + 1):
            if args.mode == "one":
                users = [1] * per_thread
            else:
                users = []
                for _ in range(max(2, -(-per_thread // args.users))):
                    order = list(range(1, args.users + 1))
                    random.shuffle(order)
                    users.extend(order)
            for user in users:
                f.write("%d\t%s\n" % (thread, "\t".join(signed(signer, url, args.pool, user, prefix + str(n)))))
                n += 1
    print("aws-presign: %d %s requests (%s) signed in %.1f s" % (n, args.mode, args.label, time.time() - started),
          file=sys.stderr)


if __name__ == "__main__":
    main()
