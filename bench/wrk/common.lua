-- Shared part of the PATCH scenarios (loaded by one-user.lua and random-users.lua).
-- Settings come from the environment (bench/run sets them):
--   BENCH_POOL    the pool id
--   BENCH_SECRET  the admin secret (sent as "Authorization: Bearer <secret>")
--   BENCH_USERS   how many users were seeded (user00001 .. userNNNNN)
--   BENCH_NAME_DIGITS  digits of the number in a username (5: user00001; the pool-size runs use 7)
--
-- wrk runs this file in one Lua state per thread plus one main state. setup() and done() run in
-- the main state; request() and response() run in the thread states. done() collects the
-- per-thread status counts through thread:get().

pool = os.getenv("BENCH_POOL") or error("BENCH_POOL is not set")
secret = os.getenv("BENCH_SECRET") or error("BENCH_SECRET is not set")
users = tonumber(os.getenv("BENCH_USERS") or "10000")
name_digits = tonumber(os.getenv("BENCH_NAME_DIGITS") or "5")

-- the username of the index-th seeded user
function username(index)
  return string.format("user%0" .. name_digits .. "d", index)
end

headers = {
  ["Content-Type"] = "application/json",
  ["Authorization"] = "Bearer " .. secret,
}

function attributes_path(index)
  return string.format("/pools/%s/users/%s/attributes", pool, username(index))
end

function patch_request(index, value)
  local body = '{"attributes":{"custom:tier":"gold-' .. value .. '"}}'
  return wrk.format("PATCH", attributes_path(index), headers, body)
end

-- main state: remember the threads
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

-- thread states: count answers by status
non2xx = 0
statuses = {}
first_error = nil
function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    -- the first non-2xx answer of the thread, so that the summary can say what went wrong
    if first_error == nil then
      first_error = tostring(status) .. " " .. string.sub(body or "", 1, 300):gsub("[\r\n]", " ")
    end
  end
  statuses[status] = (statuses[status] or 0) + 1
end

thread_number = 0
function init(args)
  -- a different random sequence per thread
  thread_number = wrk.thread:get("thread_number") or 0
  math.randomseed(os.time() * 100 + thread_number)
end

-- main state: one machine-readable line, then a human-readable one
function done(summary, latency, requests)
  local non2xx_total = 0
  local by_status = {}
  for _, thread in ipairs(threads) do
    non2xx_total = non2xx_total + (thread:get("non2xx") or 0)
    local s = thread:get("statuses") or {}
    for code, count in pairs(s) do
      by_status[code] = (by_status[code] or 0) + count
    end
  end
  local codes = {}
  for code, count in pairs(by_status) do
    table.insert(codes, tostring(code) .. ":" .. tostring(count))
  end
  table.sort(codes)
  for _, thread in ipairs(threads) do
    local e = thread:get("first_error")
    if e then
      io.write("first non-2xx answer: " .. e .. "\n")
      break
    end
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_s=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f" ..
    " non2xx=%d wrk_status_errors=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d statuses=%s\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000,
    non2xx_total, e.status, e.connect, e.read, e.write, e.timeout,
    (#codes > 0) and table.concat(codes, ",") or "none"))
end
