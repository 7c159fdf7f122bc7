-- wrk scenario: every request updates the same user (user00001), with a new value each time,
-- so that all 32 connections contend for one row.
dofile((os.getenv("BENCH_WRK_DIR") or "bench/wrk") .. "/common.lua")

local counter = 0
function request()
  counter = counter + 1
  return patch_request(1, thread_number .. "-" .. counter)
end
