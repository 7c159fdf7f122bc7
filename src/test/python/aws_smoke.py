#!/usr/bin/env python3
"""boto3 against Userpools' AWS JSON 1.1 endpoint, as the seeds call it (issue 13).

Run by AwsCliSmokeIT against the packaged service; also runnable by hand:

    AWS_SMOKE_ENDPOINT=http://127.0.0.1:8080 AWS_SMOKE_KEY_ID=dev AWS_SMOKE_SECRET=dev-admin-secret \
        python3 src/test/python/aws_smoke.py

It creates a pool, an app client and a user with boto3, updates and reads the user's attributes
as an administrator (admin_update_user_attributes, admin_get_user), checks the common errors
(unknown attribute, unknown user) as boto3's modelled exceptions, then signs the user in
(admin_set_user_password, initiate_auth USER_PASSWORD_AUTH) and updates an attribute with the access token
(update_user_attributes). Every step prints one line; the first failed check raises with what
was expected and what came, and the exit status is non-zero. The last line is "aws_smoke: OK".
"""

import os
import sys

import boto3
from botocore.config import Config

ENDPOINT = os.environ["AWS_SMOKE_ENDPOINT"].rstrip("/")
KEY_ID = os.environ["AWS_SMOKE_KEY_ID"]
SECRET = os.environ["AWS_SMOKE_SECRET"]
REGION = os.environ.get("AWS_SMOKE_REGION", "us-east-1")
PASSWORD = "Smoke#Test1pass"


def check(condition, what, got):
    if not condition:
        raise AssertionError(f"{what}; got: {got!r}")


def attributes(listed):
    return {a["Name"]: a["Value"] for a in listed}


def expect_error(client, exception, call, text=None, **kwargs):
    """Calls and expects boto3's modelled exception (so the __type was parsed as Cognito's)."""
    try:
        answer = getattr(client, call)(**kwargs)
    except getattr(client.exceptions, exception) as e:
        error = e.response["Error"]
        meta = e.response["ResponseMetadata"]
        check(meta["HTTPStatusCode"] == 400, f"{call}: {exception} should be HTTP 400", meta)
        check(meta.get("RequestId"), f"{call}: every answer carries x-amzn-RequestId", meta)
        if text is not None:
            check(text in error.get("Message", ""), f"{call}: message should contain {text!r}", error)
        print(f"{call}: {exception} {error.get('Message')!r}")
        return
    except Exception as e:  # noqa: BLE001 - report whatever else came
        raise AssertionError(f"{call}: expected {exception}, got {type(e).__name__}: {e}") from e
    raise AssertionError(f"{call}: expected {exception}, got a success: {answer!r}")


def main():
    client = boto3.client("cognito-idp", endpoint_url=ENDPOINT, region_name=REGION,
                          aws_access_key_id=KEY_ID, aws_secret_access_key=SECRET,
                          config=Config(retries={"total_max_attempts": 1}, connect_timeout=10, read_timeout=30))
    print(f"boto3 {boto3.__version__} against {ENDPOINT} ({REGION})")

    pool = client.create_user_pool(PoolName="boto3 smoke")["UserPool"]
    pool_id = pool["Id"]
    check(pool_id.startswith(REGION + "_"), "a pool id starts with the region", pool_id)
    print(f"create_user_pool: {pool_id}")

    app = client.create_user_pool_client(UserPoolId=pool_id, ClientName="smoke",
                                         ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH",
                                                            "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]
    client_id = app["ClientId"]
    check("ClientSecret" not in app, "a client made without GenerateSecret has no secret", app)
    print(f"create_user_pool_client: {client_id}")

    user = client.admin_create_user(UserPoolId=pool_id, Username="alice", MessageAction="SUPPRESS",
                                    UserAttributes=[{"Name": "email", "Value": "alice@example.com"}])["User"]
    check(user["Username"] == "alice", "admin_create_user answers the user", user)
    check(attributes(user["Attributes"]).get("email") == "alice@example.com", "User.Attributes has the email", user)
    check(user["Enabled"] is True, "a new user is enabled", user)
    print(f"admin_create_user: {user['Username']} {user['UserStatus']}")

    # the seeds' call
    answer = client.admin_update_user_attributes(UserPoolId=pool_id, Username="alice", UserAttributes=[
        {"Name": "given_name", "Value": "Alice"}, {"Name": "family_name", "Value": "Liddell"}])
    check(answer["ResponseMetadata"]["HTTPStatusCode"] == 200, "admin_update_user_attributes answers 200", answer)
    print("admin_update_user_attributes: 200")

    got = client.admin_get_user(UserPoolId=pool_id, Username="alice")
    values = attributes(got["UserAttributes"])
    check(values.get("given_name") == "Alice" and values.get("family_name") == "Liddell",
          "admin_get_user shows the update", got)
    check(values.get("sub"), "admin_get_user shows the sub", got)
    check(hasattr(got["UserLastModifiedDate"], "year"), "timestamps parse as dates", got)
    print(f"admin_get_user: {sorted(values)}")

    expect_error(client, "InvalidParameterException", "admin_update_user_attributes",
                 "Attribute does not exist in the schema.", UserPoolId=pool_id, Username="alice",
                 UserAttributes=[{"Name": "custom:nope", "Value": "x"}])
    expect_error(client, "UserNotFoundException", "admin_update_user_attributes", "User does not exist.",
                 UserPoolId=pool_id, Username="nobody", UserAttributes=[{"Name": "given_name", "Value": "N"}])
    expect_error(client, "UserNotFoundException", "admin_get_user", "User does not exist.",
                 UserPoolId=pool_id, Username="nobody")
    expect_error(client, "ResourceNotFoundException", "admin_get_user", UserPoolId=REGION + "_nothere1",
                 Username="alice")
    check(attributes(client.admin_get_user(UserPoolId=pool_id, Username="alice")["UserAttributes"])
          .get("given_name") == "Alice", "a refused update changes nothing", "given_name changed")

    client.admin_set_user_password(UserPoolId=pool_id, Username="alice", Password=PASSWORD, Permanent=True)
    print("admin_set_user_password: permanent")
    auth = client.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD})
    tokens = auth["AuthenticationResult"]
    check(tokens.get("AccessToken") and tokens.get("TokenType") == "Bearer", "initiate_auth answers tokens", auth)
    print("initiate_auth USER_PASSWORD_AUTH: tokens")

    access = tokens["AccessToken"]
    answer = client.update_user_attributes(AccessToken=access,
                                           UserAttributes=[{"Name": "given_name", "Value": "Ally"}])
    check(answer.get("CodeDeliveryDetailsList", []) == [], "no code for a name change", answer)
    print("update_user_attributes: 200")
    me = attributes(client.get_user(AccessToken=access)["UserAttributes"])
    check(me.get("given_name") == "Ally", "get_user shows the self-service update", me)
    check(attributes(client.admin_get_user(UserPoolId=pool_id, Username="alice")["UserAttributes"])
          .get("given_name") == "Ally", "admin_get_user shows the self-service update", "given_name")
    print("get_user: given_name=Ally")

    expect_error(client, "InvalidParameterException", "update_user_attributes",
                 "Attribute does not exist in the schema.", AccessToken=access,
                 UserAttributes=[{"Name": "custom:nope", "Value": "x"}])
    expect_error(client, "NotAuthorizedException", "update_user_attributes", AccessToken="not.a.token",
                 UserAttributes=[{"Name": "given_name", "Value": "Mallory"}])
    print("aws_smoke: OK")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as failure:
        print(f"aws_smoke: FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
