-- wrk scenario: POST /auth/sign-in (USER_PASSWORD_AUTH) for a user picked at random among the
-- first BENCH_AUTH_USERS, which seed.py gave the permanent password BENCH_PASSWORD.
-- Every answer is a bcrypt check plus three signed tokens and one sessions row: CPU-bound by
-- design, so req/s is bounded by the cores, not by the database.
dofile((os.getenv("BENCH_WRK_DIR") or "bench/wrk") .. "/common.lua")

local client_id = os.getenv("BENCH_CLIENT_ID") or error("BENCH_CLIENT_ID is not set")
local password = os.getenv("BENCH_PASSWORD") or error("BENCH_PASSWORD is not set")
local auth_users = tonumber(os.getenv("BENCH_AUTH_USERS") or "200")
-- no admin key here: sign-in is public
local sign_in_headers = { ["Content-Type"] = "application/json" }

function request()
  local body = string.format('{"clientId":"%s","username":"%s","password":"%s"}',
    client_id, username(math.random(1, auth_users)), password)
  return wrk.format("POST", "/auth/sign-in", sign_in_headers, body)
end
