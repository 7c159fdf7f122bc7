# The server settings of the benchmarks' throwaway PostgreSQL (bin/with-postgres), sourced by
# bench/run and bench/import. pg_settings_export, before they start it: BENCH_PG_SETTINGS if set
# (empty: PostgreSQL's own defaults), else deploy/postgresql.md's table sized for this machine's
# memory, exported as WITH_POSTGRES_SETTINGS; and BENCH_DB_GIVEN=1 when a database is given in
# QUARKUS_DATASOURCE_* (bin/with-postgres then starts none, and the settings are that database's
# own). pg_settings_line, in the summary: which of the two it was.
#
# Until session 11 (2026-12-06) the benchmarks ran on PostgreSQL's defaults: 128 MB of
# shared_buffers, which a pool of a million users (0.75 GB of users, 0.3 GB of user_aliases) does
# not fit, so every random update and import batch read and evicted pages through the OS cache;
# bench/README.md has the figures of both.
pg_settings_export() {
  local mem_mib
  if [[ -z "${BENCH_PG_SETTINGS+set}" ]]; then
    mem_mib=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo)
    BENCH_PG_SETTINGS="shared_buffers=$(( mem_mib / 4 ))MB effective_cache_size=$(( mem_mib * 3 / 4 ))MB"
    BENCH_PG_SETTINGS+=" wal_compression=lz4 max_wal_size=8GB checkpoint_timeout=15min"
    BENCH_PG_SETTINGS+=" checkpoint_completion_target=0.9 random_page_cost=1.1"
    BENCH_PG_SETTINGS+=" autovacuum_vacuum_cost_limit=2000 autovacuum_naptime=15s"
  fi
  export WITH_POSTGRES_SETTINGS=$BENCH_PG_SETTINGS
  if [[ -n "${QUARKUS_DATASOURCE_REACTIVE_URL:-}" ]]; then export BENCH_DB_GIVEN=1; fi
}

pg_settings_line() {
  if [[ -n "${BENCH_DB_GIVEN:-}" ]]; then
    echo "postgresql: the database given in QUARKUS_DATASOURCE_*, with its own settings"
  else
    echo "postgresql: a throwaway cluster with ${WITH_POSTGRES_SETTINGS:-the default settings}"
  fi
}
