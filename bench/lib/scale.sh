# The pool-size scenarios of bench/run (BENCH_SCALE=1, issue 17), sourced by it once the service
# runs and its own scenarios are measured: for each size in BENCH_SCALE_SIZES, a pool seeded with
# the bulk import (bench/scale-seed.py), then the random-user admin update, AdminGetUser by
# username, by sub and by verified email, ListUsers with email = and email ^= filters, and
# sign-in, each measured with measure() of bench/run. scale_summary prints the comparison of the
# largest size with the smallest and the PASS/FAIL lines of the targets.

scale_sizes=(${BENCH_SCALE_SIZES:-10000 1000000})
scale_auth_users=${BENCH_SCALE_AUTH_USERS:-50}
scale_reads=(getname getsub getalias listeq listprefix)
declare -A scale_label=([update]='admin update, random users' [getname]='AdminGetUser by username'
  [getsub]='AdminGetUser by sub' [getalias]='AdminGetUser by verified email' [listeq]='ListUsers email ='
  [listprefix]='ListUsers email ^=' [signin]='sign-in')

# the sign-in password of the pools' first users (the same variable as the auth scenarios')
if [[ -z "${BENCH_PASSWORD:-}" ]]; then
  BENCH_PASSWORD="Bench#1-$(python3 -c 'import secrets; print(secrets.token_urlsafe(12))')"
  export BENCH_PASSWORD
fi

# scale_paths POOL: the request paths of the read scenarios, one file each, from 2,000 users of
# the pool picked at random (username, sub and email as stored)
scale_paths() {
  local p=$1 sample=$out/scale-$1-sample.txt
  psql -X -At -F $'\t' -v ON_ERROR_STOP=1 -v pool="$p" \
    <<<"SELECT username, sub, email FROM users WHERE pool_id = :'pool' ORDER BY random() LIMIT 2000" >"$sample" \
    || die "cannot sample the users of pool $p"
  python3 - "$p" "$sample" "$out/scale-$p" <<'PY' || die "cannot write the request paths of pool $p"
import sys, urllib.parse
pool, sample, prefix = sys.argv[1:]
q = lambda text: urllib.parse.quote(text, safe="")
files = {name: open(f"{prefix}-{name}.txt", "w") for name in ("getname", "getsub", "getalias", "listeq", "listprefix")}
for line in open(sample):
    username, sub, email = line.rstrip("\n").split("\t")
    files["getname"].write(f"/pools/{pool}/users/{q(username)}\n")
    files["getsub"].write(f"/pools/{pool}/users/{sub}\n")
    files["getalias"].write(f"/pools/{pool}/users/{q(email)}\n")
    exact = q('email = "%s"' % email)
    # the address without the last digit of its name: ten users in every pool size
    starts = q('email ^= "%s"' % username[:-1])
    files["listeq"].write(f"/pools/{pool}/users?filter={exact}\n")
    files["listprefix"].write(f"/pools/{pool}/users?filter={starts}\n")
for f in files.values():
    f.close()
PY
}

scale_run() {
  local n p client saved_pool=$pool scen
  for n in "${scale_sizes[@]}"; do
    log "scale: seeding a pool of $n users with the bulk import"
    read -r p client < <(timeout --foreground 3600 python3 "$here/scale-seed.py" --port "$port" --secret "$secret" \
      --users "$n" --auth-users "$scale_auth_users" 2> >(tee -a "$out/scale-seed.log" >&2)) \
      || die "scale seeding failed (see $out/scale-seed.log)"
    [[ -n "$p" && -n "$client" ]] || die "scale seeding printed no pool and client"
    R[scale$n.pool]=$p
    pool=$p
    settle_db
    scale_paths "$p"
    BENCH_POOL=$p BENCH_USERS=$n measure "scale$n.update" random-users.lua
    for scen in "${scale_reads[@]}"; do
      BENCH_POOL=$p BENCH_PATHS_FILE=$out/scale-$p-$scen.txt measure "scale$n.$scen" scale-get.lua
    done
    BENCH_POOL=$p BENCH_CLIENT_ID=$client BENCH_AUTH_USERS=$scale_auth_users \
      measure "scale$n.signin" sign-in.lua "$auth_secs" 30
  done
  pool=$saved_pool
}

# the comparison of the largest pool with the smallest, and the targets (inside bench/run's summary)
scale_summary() {
  local small=${scale_sizes[0]} large=${scale_sizes[-1]} scen s l bad rss_s rss_l n
  echo "== Pool size: the same scenarios on pools of $(IFS=,; echo "${scale_sizes[*]}") users (seeded with the bulk import)"
  printf '%-32s' scenario
  for n in "${scale_sizes[@]}"; do printf ' %12s %10s' "req/s $n" "p99 ms"; done
  printf ' %10s %10s\n' 'req/s x' 'p99 x'
  for scen in update "${scale_reads[@]}" signin; do
    printf '%-32s' "${scale_label[$scen]}"
    for n in "${scale_sizes[@]}"; do printf ' %12s %10s' "${R[scale$n.$scen.rps]}" "${R[scale$n.$scen.p99_ms]}"; done
    printf ' %10s %10s\n' "$(ratio "${R[scale$large.$scen.rps]}" "${R[scale$small.$scen.rps]}")" \
      "$(ratio "${R[scale$large.$scen.p99_ms]}" "${R[scale$small.$scen.p99_ms]}")"
  done
  rss_s=0 rss_l=0
  for scen in update "${scale_reads[@]}" signin; do
    (( ${R[scale$small.$scen.rss_kib]} > rss_s )) && rss_s=${R[scale$small.$scen.rss_kib]}
    (( ${R[scale$large.$scen.rss_kib]} > rss_l )) && rss_l=${R[scale$large.$scen.rss_kib]}
  done
  echo "service RSS, highest after a scenario: $((rss_s / 1024)) MiB at $small users, $((rss_l / 1024)) MiB at $large"
  echo "status codes: $(for scen in update "${scale_reads[@]}" signin; do printf '%s %s; ' "$scen" "${R[scale$large.$scen.statuses]}"; done)"
  echo
  echo "== Targets: pool size ($large users against $small)"
  bad=0
  for n in "${scale_sizes[@]}"; do
    for scen in update "${scale_reads[@]}" signin; do
      bad=$(( bad + ${R[scale$n.$scen.non2xx]} + ${R[scale$n.$scen.errors]} ))
    done
  done
  local label value op target v
  {
    echo "admin update: req/s ratio|$(ratio "${R[scale$large.update.rps]}" "${R[scale$small.update.rps]}")|>=|0.9"
    echo "admin update: p99 ms at $large|${R[scale$large.update.p99_ms]}|<=|25"
    for scen in "${scale_reads[@]}" signin; do
      echo "${scale_label[$scen]}: p99 ratio|$(ratio "${R[scale$large.$scen.p99_ms]}" "${R[scale$small.$scen.p99_ms]}")|<=|1.2"
    done
    echo "service RSS ratio|$(ratio "$rss_l" "$rss_s")|<=|1.1"
    echo "non-2xx answers + socket errors|$bad|<=|0"
  } >"$out/scale-targets.txt"
  while IFS='|' read -r label value op target; do
    v=$(verdict "$value" "$op" "$target")
    [[ $v == PASS ]] || failed=1
    printf '%-46s %10s  %s %-6s %s\n' "$label" "$value" "$op" "$target" "$v"
  done <"$out/scale-targets.txt"
  echo
}
