-- wrk scenario of the pool-size runs (BENCH_SCALE=1): admin GETs, each of a path picked at random
-- from BENCH_PATHS_FILE (one path per line, written by bench/run: AdminGetUser by username, sub or
-- verified email, ListUsers with an email = or ^= filter), with the admin key.
dofile((os.getenv("BENCH_WRK_DIR") or "bench/wrk") .. "/common.lua")

local paths_file = os.getenv("BENCH_PATHS_FILE") or error("BENCH_PATHS_FILE is not set")
local prepared = {}

local common_init = init
function init(args)
  common_init(args)
  local f = assert(io.open(paths_file, "r"))
  for line in f:lines() do
    if #line > 0 then
      table.insert(prepared, wrk.format("GET", line, headers))
    end
  end
  f:close()
  if #prepared == 0 then
    error("no paths in " .. paths_file)
  end
end

function request()
  return prepared[math.random(1, #prepared)]
end
