-- wrk scenario: PATCH /me/attributes with the access token of a user picked at random among the
-- tokens seed.py wrote (one per line, BENCH_TOKENS_FILE), with a random new custom:tier.
-- Compared with the admin "random users" PATCH, the extra work is verifying the RS256 token
-- and the revocation check.
dofile((os.getenv("BENCH_WRK_DIR") or "bench/wrk") .. "/common.lua")

local tokens_file = os.getenv("BENCH_TOKENS_FILE") or error("BENCH_TOKENS_FILE is not set")
local tokens = {}
local f = assert(io.open(tokens_file, "r"))
for line in f:lines() do
  if #line > 0 then
    table.insert(tokens, line)
  end
end
f:close()
if #tokens == 0 then
  error("no access tokens in " .. tokens_file)
end

-- one header table per token, built once per Lua state rather than per request
local token_headers = {}
for i, token in ipairs(tokens) do
  token_headers[i] = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }
end

function request()
  local body = '{"attributes":{"custom:tier":"self-' .. math.random(1, 1000000000) .. '"}}'
  return wrk.format("PATCH", "/me/attributes", token_headers[math.random(1, #tokens)], body)
end
