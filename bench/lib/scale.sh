# The pool-size scenarios of bench/run (BENCH_SCALE=1, issue 17), sourced by it once the service
# runs and its own scenarios are measured: for each size in BENCH_SCALE_SIZES, a pool seeded with
# the bulk import (bench/scale-seed.py); on each pool the random-user admin update, AdminGetUser
# by username, by sub and by verified email, ListUsers with email = and email ^= filters, and
# sign-in, each measured with measure() of bench/run (order: scale_run). scale_summary prints the comparison of the
# largest size with the smallest and the PASS/FAIL lines of the targets.

scale_sizes=(${BENCH_SCALE_SIZES:-10000 1000000})
scale_auth_users=${BENCH_SCALE_AUTH_USERS:-50}
scale_signin_conns=${BENCH_SCALE_SIGNIN_CONNECTIONS:-4}
# usernames of the scale pools have this many digits at every size (user0000001): a name without
# its last digit is then the prefix of ten names in every pool (with user00001 .. user1000000, the
# prefix of a five-digit name also matched 100 six-digit names at a million, a page of 60)
scale_digits=7
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

# full-page images and bytes written to the WAL so far (pg_stat_wal, PostgreSQL 14 and later)
scale_wal() {
  psql -X -At -F ' ' -c 'SELECT wal_fpi, wal_bytes FROM pg_stat_wal' 2>/dev/null || echo '0 0'
}

# scale_measure SIZE SCENARIO KEY: one scenario on the pool of SIZE users, into R[KEY.*]
scale_measure() {
  local n=$1 scen=$2 key=$3 p=${R[scale$1.pool]}
  pool=$p
  case $scen in
    update)
      # WAL written during the run (measure's settle_db ends with a CHECKPOINT, so the run starts
      # with every page due a full-page image at its first change)
      local w0 w1
      w0=$(scale_wal)
      BENCH_POOL=$p BENCH_USERS=$n BENCH_NAME_DIGITS=$scale_digits measure "$key" random-users.lua
      w1=$(scale_wal)
      R[$key.wal]=$(awk -v a="$w0" -v b="$w1" -v n="${R[$key.db_updates]}" 'BEGIN { split(a, x, " ");
        split(b, y, " "); if (n > 0) printf "%.0f bytes and %.2f full-page images per update", (y[2] - x[2]) / n,
        (y[1] - x[1]) / n; else printf "no update" }')
      ;;
    # fewer connections: each sign-in is a bcrypt check, and 32 of them at once on a busy machine
    # take longer than a run (a round of 32 is then the latency, whatever the pool size)
    signin) conns=$scale_signin_conns BENCH_POOL=$p BENCH_CLIENT_ID=${R[scale$n.client]} \
      BENCH_AUTH_USERS=$scale_auth_users BENCH_NAME_DIGITS=$scale_digits measure "$key" sign-in.lua "$auth_secs" 30 ;;
    *) BENCH_POOL=$p BENCH_PATHS_FILE=$out/scale-$p-$scen.txt measure "$key" scale-get.lua ;;
  esac
}

# The pools are seeded smallest first. Every scenario is measured on the smaller pools before the
# largest exists (pass A: the service's memory before it ever held the largest pool, and figures
# for reference), then, once all pools exist, on every pool back to back, smallest first (pass B:
# the figures compared). Measuring the sizes of one scenario a minute apart rather than all of
# one size and then all of the other keeps the shared machine's changing load out of the ratios
# as far as a single run can.
scale_run() {
  local n p client import_first import_all saved_pool=$pool scen
  for n in "${scale_sizes[@]}"; do
    log "scale: seeding a pool of $n users with the bulk import"
    read -r p client import_first import_all < <(timeout --foreground 3600 python3 "$here/scale-seed.py" --port "$port" --secret "$secret" \
      --users "$n" --auth-users "$scale_auth_users" --digits "$scale_digits" 2> >(tee -a "$out/scale-seed.log" >&2)) \
      || die "scale seeding failed (see $out/scale-seed.log)"
    [[ -n "$p" && -n "$client" ]] || die "scale seeding printed no pool and client"
    R[scale$n.pool]=$p
    R[scale$n.client]=$client
    R[scale$n.import_first]=${import_first:-0}
    R[scale$n.import_all]=${import_all:-0}
    R[scale$n.rss_seeded_kib]=$(rss_kib "$svc_pid")
    # as after any bulk load (deploy/postgresql.md): vacuum and statistics of every table the
    # import wrote, so autovacuum's catch-up on a million new rows does not fall into the runs
    psql -X -q -v ON_ERROR_STOP=1 -c 'VACUUM ANALYZE user_aliases, user_history' >/dev/null \
      || die "VACUUM after the scale seeding failed"
    settle_db
    scale_paths "$p"
    if [[ $n != "${scale_sizes[-1]}" ]]; then
      for scen in update "${scale_reads[@]}" signin; do scale_measure "$n" "$scen" "scale${n}a.$scen"; done
      after_gc small
    fi
  done
  # pass B in ABBA order: every size, then every size again in reverse (10k, 1M, 1M, 10k), each
  # size's figures the mean of its two runs, so that a load drifting during the pair weighs on
  # both sizes alike
  local reversed=() i
  for (( i = ${#scale_sizes[@]} - 1; i >= 0; i-- )); do reversed+=("${scale_sizes[i]}"); done
  for scen in update "${scale_reads[@]}" signin; do
    for n in "${scale_sizes[@]}"; do scale_measure "$n" "$scen" "scale$n.$scen.1"; done
    for n in "${reversed[@]}"; do scale_measure "$n" "$scen" "scale$n.$scen.2"; done
    for n in "${scale_sizes[@]}"; do scale_combine "scale$n.$scen"; done
  done
  after_gc large
  pool=$saved_pool
}

# after_gc KEY: a full collection, then into R[scale.KEY.*] the live objects of the Java heap
# (heap_kib: what the service retains, the target), the heap committed (heap_committed_kib) and the
# RSS (rss_kib). The live objects are the class histogram's total (jcmd GC.class_histogram runs the
# full collection first, so no GC.run is needed) less the collector's filler arrays
# (jdk.internal.vm.Filler*): the serial collector's full collection leaves up to MarkSweepDeadRatio
# (5%) of the old generation as dead space in place to move less, 12 MiB of it once after the 1M
# import, and GC.heap_info's "used" counts it.
# RSS is no measure of what the service retains: the collector keeps the heap it committed (at
# least the initial heap, 1/64 of the machine's memory, 384 MiB here) and RSS counts every page of
# it ever touched, so a burst of garbage such as a million-user import raises it for good,
# whatever the pool size (bench/README.md, session 11).
after_gc() {
  local committed histogram
  histogram=$("$JAVA_HOME/bin/jcmd" "$svc_pid" GC.class_histogram 2>/dev/null) \
    || log "jcmd GC.class_histogram failed; figures as they are"
  R[scale.$1.heap_kib]=$(awk '
    /^Total / { total = $3 } /jdk\.internal\.vm\.Filler/ { filler += $3 }
    END { printf "%d\n", (total - filler) / 1024 }' <<<"$histogram")
  sleep 2   # the collector gives back the heap it shrinks before RSS is read
  # the generations' lines of GC.heap_info ("Tenured  total 258048K, used 22742K [...]")
  committed=$("$JAVA_HOME/bin/jcmd" "$svc_pid" GC.heap_info 2>/dev/null | awk '
    /total [0-9]+K, used [0-9]+K/ && !/space/ { match($0, /total [0-9]+K/); t += substr($0, RSTART + 6, RLENGTH - 7) }
    END { printf "%d\n", t }')
  R[scale.$1.heap_committed_kib]=$committed
  R[scale.$1.rss_kib]=$(rss_kib "$svc_pid")
}

# scale_combine KEY: KEY.* from the two runs KEY.1.* and KEY.2.* (means of rates and latencies,
# sums of counts, the higher RSS, the first run's WAL)
scale_combine() {
  local k=$1 f
  for f in rps p99_ms; do
    R[$k.$f]=$(awk -v a="${R[$k.1.$f]}" -v b="${R[$k.2.$f]}" 'BEGIN { printf "%.3f", (a + b) / 2 }')
  done
  for f in requests non2xx errors; do R[$k.$f]=$(( ${R[$k.1.$f]:-0} + ${R[$k.2.$f]:-0} )); done
  R[$k.rss_kib]=$(( ${R[$k.1.rss_kib]} > ${R[$k.2.rss_kib]} ? ${R[$k.1.rss_kib]} : ${R[$k.2.rss_kib]} ))
  R[$k.statuses]="${R[$k.1.statuses]} + ${R[$k.2.statuses]}"
  [[ -z "${R[$k.1.wal]:-}" ]] || R[$k.wal]="${R[$k.1.wal]} (first run)"
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
  echo "(pass B: once every pool existed, each scenario on every pool in ABBA order, each figure the mean of two runs; pass A, on the smaller"
  echo " pools before the largest was seeded, for reference:$(for scen in update "${scale_reads[@]}" signin; do
    printf ' %s %s req/s p99 %s ms;' "$scen" "${R[scale${small}a.$scen.rps]}" "${R[scale${small}a.$scen.p99_ms]}"; done))"
  # memory: the highest RSS after a scenario of pass A (the service had never held more than the
  # smaller pools) against the highest after a scenario on the largest pool
  rss_s=0 rss_l=0
  for scen in update "${scale_reads[@]}" signin; do
    (( ${R[scale${small}a.$scen.rss_kib]:-0} > rss_s )) && rss_s=${R[scale${small}a.$scen.rss_kib]}
    (( ${R[scale$large.$scen.rss_kib]} > rss_l )) && rss_l=${R[scale$large.$scen.rss_kib]}
  done
  echo "service RSS, highest after a scenario: $((rss_s / 1024)) MiB at $small users (pass A, before the" \
       "$large pool existed), $((rss_l / 1024)) MiB at $large; right after seeding: $(for n in "${scale_sizes[@]}"; do
         printf '%s MiB at %s; ' "$(( ${R[scale$n.rss_seeded_kib]} / 1024 ))" "$n"; done)"
  local k
  for k in small large; do
    R[scale.$k.heap_kib]=${R[scale.$k.heap_kib]:-0}
    R[scale.$k.heap_committed_kib]=${R[scale.$k.heap_committed_kib]:-0}
    R[scale.$k.rss_kib]=${R[scale.$k.rss_kib]:-0}
  done
  echo "after a full collection (jcmd GC.class_histogram), after pass A ($small) and after pass B ($large and the others):" \
       "live Java objects (fillers left out) $(( ${R[scale.small.heap_kib]} / 1024 )) and $(( ${R[scale.large.heap_kib]} / 1024 )) MiB;" \
       "heap committed $(( ${R[scale.small.heap_committed_kib]} / 1024 )) and $(( ${R[scale.large.heap_committed_kib]} / 1024 )) MiB;" \
       "RSS $(( ${R[scale.small.rss_kib]} / 1024 )) and $(( ${R[scale.large.rss_kib]} / 1024 )) MiB"
  echo "bulk import (job phase, jobs of 250,000): $(for n in "${scale_sizes[@]}"; do
    printf '%s users/s for the first job and %s for all at %s; ' "${R[scale$n.import_first]}" "${R[scale$n.import_all]}" "$n"; done)"
  echo "WAL during the admin update: $(for n in "${scale_sizes[@]}"; do printf '%s at %s; ' "${R[scale$n.update.wal]}" "$n"; done)"
  echo "status codes: $(for scen in update "${scale_reads[@]}" signin; do printf '%s %s; ' "$scen" "${R[scale$large.$scen.statuses]}"; done)"
  echo
  echo "== Targets: pool size ($large users against $small)"
  bad=0
  for n in "${scale_sizes[@]}" "${small}a"; do
    for scen in update "${scale_reads[@]}" signin; do
      bad=$(( bad + ${R[scale$n.$scen.non2xx]:-0} + ${R[scale$n.$scen.errors]:-0} ))
    done
  done
  local label value op target v
  {
    echo "admin update: req/s ratio|$(ratio "${R[scale$large.update.rps]}" "${R[scale$small.update.rps]}")|>=|0.9"
    echo "admin update: p99 ms at $large|${R[scale$large.update.p99_ms]}|<=|25"
    for scen in "${scale_reads[@]}" signin; do
      # a scenario that completed no request at a size has no p99 to compare: a failure, not a ratio of 0
      if (( ${R[scale$large.$scen.requests]} == 0 || ${R[scale$small.$scen.requests]} == 0 )); then
        echo "${scale_label[$scen]}: p99 ratio|no-answers|<=|1.2"
      else
        echo "${scale_label[$scen]}: p99 ratio|$(ratio "${R[scale$large.$scen.p99_ms]}" "${R[scale$small.$scen.p99_ms]}")|<=|1.2"
      fi
    done
    echo "bulk import into the empty $large pool: users/s|${R[scale$large.import_first]}|>=|20000"
    echo "service live heap after a full collection: ratio|$(ratio "${R[scale.large.heap_kib]}" "${R[scale.small.heap_kib]}")|<=|1.1"
    echo "non-2xx answers + socket errors|$bad|<=|0"
  } >"$out/scale-targets.txt"
  while IFS='|' read -r label value op target; do
    if [[ $value =~ ^[0-9.]+$ ]]; then v=$(verdict "$value" "$op" "$target"); else v=FAIL; fi
    [[ $v == PASS ]] || failed=1
    printf '%-46s %10s  %s %-6s %s\n' "$label" "$value" "$op" "$target" "$v"
  done <"$out/scale-targets.txt"
  echo
}
