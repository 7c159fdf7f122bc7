# Shared by bench/startup, bench/startup-ab and bench/startup-opts (sourced, after
# bin/with-postgres has set up the database): a free port and fresh prod-profile keys for this run,
# one timed start, and the summary of a series of starts.

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_HOST=127.0.0.1
# the prod profile needs its keys from the environment
USERPOOLS_CODES_HMAC_KEY=$(head -c 32 /dev/urandom | base64)
USERPOOLS_OUTBOX_ENCRYPTION_KEY=$(head -c 32 /dev/urandom | base64)
USERPOOLS_TOKEN_KEY_ENCRYPTION_KEY=$(head -c 32 /dev/urandom | base64)
export USERPOOLS_CODES_HMAC_KEY USERPOOLS_OUTBOX_ENCRYPTION_KEY USERPOOLS_TOKEN_KEY_ENCRYPTION_KEY
start_log=$(mktemp)
trap 'rm -f "$start_log"' EXIT

# start_ms COMMAND [ARG ...]: starts the service through bench/first-ready.py (its output in
# $start_log), prints the ms to its first ready answer and stops it again; exits when it never
# becomes ready
start_ms() {
  local ms pid
  { read -r ms; read -r pid; } < <("$(dirname "${BASH_SOURCE[0]}")/../first-ready.py" "$port" "$start_log" "$@") \
    || { cat "$start_log" >&2; echo "bench: [$*] did not become ready" >&2; exit 2; }
  echo "$ms"
  # not this shell's child: wait by polling
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
}

# summary LABEL TEXT MS ...: "LABEL: N starts, LOW-HIGH ms, median M ms TEXT"
summary() {
  local label=$1 text=$2
  shift 2
  printf '%s\n' "$@" | sort -n | awk -v label="$label" -v text="$text" '{ a[NR] = $1 } END {
    m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
    printf "%s: %d starts, %d-%d ms, median %d ms %s\n", label, NR, a[1], a[NR], m, text }'
}
