-- wrk scenario: every request updates a user picked at random among the seeded ones, with a
-- random new value.
dofile((os.getenv("BENCH_WRK_DIR") or "bench/wrk") .. "/common.lua")

function request()
  return patch_request(math.random(1, users), math.random(1, 1000000000))
end
