"""Issue 14: the admin flow through the Python client that OpenAPI Generator (generator python) makes from the
service's own document, with no hand edits. GeneratedPythonClientTest runs it against the running service:

    python3 generated_client_flow.py <base URL> <admin key>

with the generated package (target/generated-test-sources/openapi-python) on PYTHONPATH. Errors arrive as the
generated client's ApiException, whose data is the typed Problem model. Prints one line per step and a closing
'N passed, 0 failed'; any failed check raises and exits non-zero.
"""
import sys
import uuid

import userpools_client as up
from userpools_client.exceptions import ApiException

PASSWORD = "Perm#Passw0rd1"
steps = []


def step(name):
    steps.append(name)
    print("ok", name, flush=True)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def header(response, name):
    """An answer's header, whatever the case of its name on the wire."""
    values = [v for k, v in (response.headers or {}).items() if k.lower() == name.lower()]
    check(len(values) == 1, f"{name} in {response.headers}")
    return values[0]


def problem(call, status, code):
    """Runs call, which must fail with this status and a typed Problem with this Cognito code."""
    try:
        call()
    except ApiException as error:
        check(error.status == status, f"status {error.status}, expected {status}: {error.body}")
        check(isinstance(error.data, up.Problem), f"not a typed Problem: {error.data!r}")
        check(error.data.code == code, f"code {error.data.code}, expected {code}")
        return error.data
    raise AssertionError(f"no error, expected {status} {code}")


def main(base, key):
    admin = up.ApiClient(up.Configuration(host=base, access_token=key))
    public = up.ApiClient(up.Configuration(host=base))
    pools = up.PoolsApi(admin)
    users = up.UsersApi(admin)
    attributes = up.UserAttributesApi(admin)
    accounts = up.UserAccountsApi(admin)

    pool = pools.create_user_pool(up.CreateUserPoolRequest(
        name="py-" + uuid.uuid4().hex[:8],
        var_schema=[up.SchemaAttributeRequest(name="tier", type="String", mutable=True)]))
    pool_id = pool.id
    check(any(a.name == "custom:tier" for a in pools.describe_user_pool(pool_id).var_schema), "custom:tier")
    step("create a pool with a custom attribute")

    created = users.admin_create_user(pool_id, up.AdminCreateUserRequest(
        username="ada", temporary_password="Temp#Passw0rd",
        attributes={"email": "ada@example.com", "name": "Ada"}))
    check(created.status == "FORCE_CHANGE_PASSWORD", created.status)
    step("create a user")

    etag = header(users.admin_get_user_with_http_info(pool_id, "ada"), "ETag")
    updated = attributes.admin_update_user_attributes(pool_id, "ada", up.AdminUpdateUserAttributesRequest(
        attributes={"custom:tier": "gold", "name": "Ada L"}), if_match=etag)
    check(updated.attributes.get("custom:tier") == "gold", updated.attributes)
    step("update attributes with If-Match")

    read = users.admin_get_user_with_http_info(pool_id, "ada")
    check(read.data.attributes.get("name") == "Ada L", read.data.attributes)
    check(header(read, "ETag") == f'"{updated.version}"' and header(read, "ETag") != etag, read.headers)
    step("read it back with its ETag")

    problem(lambda: attributes.admin_update_user_attributes(pool_id, "ada", up.AdminUpdateUserAttributesRequest(
        attributes={"name": "Lost"}), if_match=etag), 412, "PreconditionFailedException")
    step("a stale ETag is a typed 412")

    deleted = attributes.admin_update_user_attributes(pool_id, "ada", up.AdminUpdateUserAttributesRequest(
        attributes={"custom:tier": None}))
    check("custom:tier" not in deleted.attributes and deleted.attributes.get("name") == "Ada L", deleted.attributes)
    step("delete an attribute with null")

    unknown = problem(lambda: attributes.admin_update_user_attributes(pool_id, "ada",
                      up.AdminUpdateUserAttributesRequest(attributes={"custom:nope": "x"})),
                      400, "InvalidParameterException")
    check("custom:nope" in (unknown.detail or ""), unknown.detail)
    step("an unknown attribute is a typed InvalidParameterException")

    for name in ("ada2", "ada3", "bob"):
        users.admin_create_user(pool_id, up.AdminCreateUserRequest(
            username=name, attributes={"email": name + "@example.com"}))
    seen, token, pages = [], None, 0
    while True:
        page = users.list_users(pool_id, filter='username ^= "ada"', limit=2, pagination_token=token)
        seen += [u.username for u in page.users]
        token, pages = page.pagination_token, pages + 1
        if token is None or pages >= 10:
            break
    check(pages == 2 and sorted(seen) == ["ada", "ada2", "ada3"], (pages, seen))
    step("list users with a filter and pages")

    accounts.admin_set_user_password(pool_id, "ada", up.AdminSetUserPasswordRequest(password=PASSWORD,
                                                                                     permanent=True))
    check(users.admin_get_user(pool_id, "ada").status == "CONFIRMED", "not CONFIRMED")
    step("set a password")

    client_id = up.AppClientsApi(admin).create_user_pool_client(pool_id, up.CreateUserPoolClientRequest(
        name="py", explicit_auth_flows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])).client_id
    sign_in = up.SignInApi(public)
    tokens = sign_in.initiate_auth(up.SignInRequest(client_id=client_id, username="ada", password=PASSWORD))
    check(bool(tokens.refresh_token), "no refresh token")
    step("sign in, with no credential")

    accounts.admin_disable_user(pool_id, "ada")
    check(users.admin_get_user(pool_id, "ada").enabled is False, "still enabled")
    accounts.admin_enable_user(pool_id, "ada")
    check(users.admin_get_user(pool_id, "ada").enabled is True, "still disabled")
    step("disable and enable")

    accounts.admin_user_global_sign_out(pool_id, "ada")
    problem(lambda: sign_in.initiate_auth_refresh(up.RefreshRequest(client_id=client_id,
                                                                    refresh_token=tokens.refresh_token)),
            401, "NotAuthorizedException")
    step("global sign-out revokes the refresh token")

    users.admin_delete_user(pool_id, "ada")
    problem(lambda: users.admin_get_user(pool_id, "ada"), 404, "UserNotFoundException")
    pools.delete_user_pool(pool_id)
    gone = problem(lambda: pools.describe_user_pool(pool_id), 404, "ResourceNotFoundException")
    check(gone.status == 404, gone.status)
    step("delete user and pool, then typed 404s")

    print(f"{len(steps)} passed, 0 failed", flush=True)


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), sys.argv[2])
