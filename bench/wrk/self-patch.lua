-- wrk scenario: PATCH /me/attributes with the access token of a user picked at random among the
-- tokens seed.py wrote (one per line, BENCH_TOKENS_FILE), with a random new custom:tier; with
-- BENCH_SELF_ONE=1 always the first token (one user, every connection contending for its row).
-- Compared with the admin PATCH of the same shape, the extra work is the token's checks: its
-- signature (remembered per token), and its state conditions, carried by the write itself.
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

local one = os.getenv("BENCH_SELF_ONE") == "1"
local counter = 0

function request()
  counter = counter + 1
  if one then
    local body = '{"attributes":{"custom:tier":"self-' .. thread_number .. '-' .. counter .. '"}}'
    return wrk.format("PATCH", "/me/attributes", token_headers[1], body)
  end
  local body = '{"attributes":{"custom:tier":"self-' .. math.random(1, 1000000000) .. '"}}'
  return wrk.format("PATCH", "/me/attributes", token_headers[math.random(1, #tokens)], body)
end
