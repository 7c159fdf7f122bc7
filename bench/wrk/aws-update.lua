-- wrk scenario: AdminUpdateUserAttributes over the AWS protocol (POST /, SigV4), the same update
-- as the REST scenarios (custom:tier = "gold-..."). wrk's Lua cannot compute HMACs, so
-- bench/aws-presign.py signed the requests beforehand with botocore, each wrk thread a sequence of
-- its own, one request per line ("<thread>\t<X-Amz-Date>\t<Authorization>\t<body>"): which users
-- they update (one or random) is decided there. The measured run reads BENCH_AWS_REQUESTS_FILE,
-- the warm-up (BENCH_WRK_PHASE=warmup, set by bench/run) BENCH_AWS_WARMUP_FILE, so that the
-- measured run repeats none of the warm-up's updates. Each thread cycles through its sequence.
dofile((os.getenv("BENCH_WRK_DIR") or "bench/wrk") .. "/common.lua")

local variable = os.getenv("BENCH_WRK_PHASE") == "warmup" and "BENCH_AWS_WARMUP_FILE" or "BENCH_AWS_REQUESTS_FILE"
local requests_file = os.getenv(variable) or error(variable .. " is not set")
local prepared = {}
local next_request = 1

local common_init = init
function init(args)
  common_init(args)
  -- loaded in the thread states only (the main state needs none), each request formatted once
  local f = assert(io.open(requests_file, "r"))
  for line in f:lines() do
    local thread, date, authorization, body = line:match("^(%d+)\t([^\t]+)\t([^\t]+)\t(.+)$")
    if thread and tonumber(thread) == thread_number then
      table.insert(prepared, wrk.format("POST", "/", {
        ["Content-Type"] = "application/x-amz-json-1.1",
        ["X-Amz-Target"] = "AWSCognitoIdentityProviderService.AdminUpdateUserAttributes",
        ["X-Amz-Date"] = date,
        ["Authorization"] = authorization,
      }, body))
    end
  end
  f:close()
  if #prepared == 0 then
    error("no signed requests for thread " .. thread_number .. " in " .. requests_file)
  end
end

function request()
  local r = prepared[next_request]
  next_request = next_request % #prepared + 1
  return r
end
