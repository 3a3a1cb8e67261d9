#!/usr/bin/env bash
# Load test over loopback from a second process: `signpost serve` on the bundled Leeds directory,
# wrk replaying the texts of Corpus/leeds/queries.jsonl against the API (Benchmarks/load/queries.lua)
# at 1, 8 and 64 connections. Builds nothing: it uses an existing binary. Prints one markdown
# report: the machine, the date, the settings and a table.
#
#   Benchmarks/load/run-wrk.sh                     # 15 s per step
#   DURATION=5 Benchmarks/load/run-wrk.sh          # a quick trial
#   SIGNPOST=.build/debug/signpost DURATION=5 Benchmarks/load/run-wrk.sh
#
# Environment:
#   SIGNPOST      the signpost binary                        (default: .build/release/signpost)
#   DURATION      seconds per step                           (default: 15)
#   WARMUP        seconds of wrk warm-up at 8 connections    (default: 5)
#   CONNECTIONS   the steps                                  (default: "1 8 64")
#   QUERIES       the queries file (JSON Lines with "text")  (default: Corpus/leeds/queries.jsonl)
#   AT            the fixed "now" of every query             (default: 2025-11-12T11:00:00Z)
#   PER_PAGE      results per query                          (default: 10)
#   TIMEOUT       wrk's per-request timeout                  (default: 10s)
#   SERVER_CPUS   pin the server with taskset, e.g. "1"      (default: not pinned)
#   WRK_CPUS      pin wrk with taskset, e.g. "0"             (default: not pinned)
#   SERVE_ARGS    extra arguments for `signpost serve`, e.g. "--corpus other.json"
#
# Latencies are wrk's own (closed loop: each connection sends its next request when the previous
# answer arrives), so they are service times under that concurrency, not an open-loop arrival rate.
set -euo pipefail
cd "$(dirname "$0")/../.."

SIGNPOST=${SIGNPOST:-.build/release/signpost}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-5}
CONNECTIONS=${CONNECTIONS:-1 8 64}
QUERIES=${QUERIES:-Corpus/leeds/queries.jsonl}
AT=${AT:-2025-11-12T11:00:00Z}
PER_PAGE=${PER_PAGE:-10}
TIMEOUT=${TIMEOUT:-10s}
LUA=Benchmarks/load/queries.lua

die() { echo "run-wrk.sh: $*" >&2; exit 1; }
log() { echo "run-wrk.sh: $*" >&2; }

command -v wrk >/dev/null 2>&1 || die "wrk is not installed; install it with: sudo apt-get install wrk"
command -v curl >/dev/null 2>&1 || die "curl is not installed; install it with: sudo apt-get install curl"
[ -x "$SIGNPOST" ] || die "no signpost binary at $SIGNPOST (build it with 'swift build -c release', or set SIGNPOST=...)"
serve_help=$("$SIGNPOST" serve --help 2>&1 || true)
grep -q -- '--port' <<<"$serve_help" \
  || die "$SIGNPOST has no 'serve' command (an old build?); rebuild it, or set SIGNPOST=... to one that has"
[ -r "$QUERIES" ] || die "cannot read $QUERIES"
[ -r "$LUA" ] || die "cannot read $LUA"
[[ "$DURATION" =~ ^[0-9]+$ && "$DURATION" -gt 0 ]] || die "DURATION must be a whole number of seconds"
[[ "$WARMUP" =~ ^[0-9]+$ ]] || die "WARMUP must be a whole number of seconds"

pin() {  # pin CPUS command...: run under taskset when CPUS is set
  local cpus=$1; shift
  if [ -n "$cpus" ]; then taskset -c "$cpus" "$@"; else "$@"; fi
}

# --- Start the server on a free loopback port ------------------------------------------------------
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --port 0: the kernel picks a free port and the server announces it ("listening url=...", at the
# info log level; requests are logged at debug, so nothing is logged per request).
# shellcheck disable=SC2206  # SERVE_ARGS is split on purpose
server=("$SIGNPOST" serve --host 127.0.0.1 --port 0 ${SERVE_ARGS:-})
[ -z "${SERVER_CPUS:-}" ] || server=(taskset -c "$SERVER_CPUS" "${server[@]}")
"${server[@]}" >"$work/server.log" 2>&1 &   # (taskset execs, so $! is the server itself)
server_pid=$!

base=""
for _ in $(seq 600); do
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; die "the server exited while starting"; }
  base=$(grep -o 'url=http://127\.0\.0\.1:[0-9]*' "$work/server.log" | head -1 | sed 's/^url=//' || true)
  [ -n "$base" ] && curl -fsS -o /dev/null "$base/healthz" 2>/dev/null && break
  base=""
  sleep 0.1
done
[ -n "$base" ] || { cat "$work/server.log" >&2; die "the server did not answer /healthz within 60 s"; }
services=$(curl -fsS "$base/healthz" | sed -n 's/.*"services":\([0-9]*\).*/\1/p')
log "server at $base (pid $server_pid, $services services)"

# --- Warm up -----------------------------------------------------------------------------------
# Every query once, one at a time (also checks that each answers 200), then wrk for a while.
run_wrk() {  # run_wrk CONNECTIONS SECONDS -> wrk's output on stdout
  local c=$1 d=$2 t=$(( $1 < 2 ? $1 : 2 ))
  pin "${WRK_CPUS:-}" wrk -t"$t" -c"$c" -d"${d}s" --timeout "$TIMEOUT" -s "$LUA" "$base" -- "$QUERIES" "$AT" "$PER_PAGE"
}

log "warm-up: each query once"
failed=0
count=0
if command -v jq >/dev/null 2>&1; then
  while IFS= read -r text; do
    count=$((count + 1))
    code=$(curl -s -o /dev/null -w '%{http_code}' -G "$base/services" \
      --data-urlencode "text=$text" --data-urlencode "per_page=$PER_PAGE" --data-urlencode "at=$AT")
    [ "$code" = 200 ] || { failed=$((failed + 1)); log "  $code for: $text"; }
  done < <(jq -r 'select(.text != null) | .text' "$QUERIES")
  [ "$failed" -eq 0 ] || die "$failed of $count queries did not answer 200"
  log "  $count queries answered 200"
else
  log "  (no jq: skipped the one-by-one check)"
fi
if [ "$WARMUP" -gt 0 ]; then
  log "warm-up: wrk, 8 connections, ${WARMUP} s"
  run_wrk 8 "$WARMUP" >/dev/null
fi

# --- Measure -----------------------------------------------------------------------------------
rows=()
for c in $CONNECTIONS; do
  [[ "$c" =~ ^[0-9]+$ && "$c" -gt 0 ]] || die "bad connection count: $c"
  log "measuring: $c connection(s), $(( c < 2 ? c : 2 )) thread(s), ${DURATION} s"
  out=$(run_wrk "$c" "$DURATION") || { echo "$out" >&2; die "wrk failed at $c connections"; }
  result=$(grep '^RESULT ' <<<"$out" | tail -1) || { echo "$out" >&2; die "no RESULT line from wrk at $c connections"; }
  read -r _ requests seconds rps p50 p90 p99 p999 socket_errors http_errors timeouts <<<"$result"
  rows+=("$(printf '| %d | %d | %s | %s | %s | %s | %s | %s | %d / %d / %d |' \
    "$c" "$(( c < 2 ? c : 2 ))" "$requests" "$rps" "$p50" "$p90" "$p99" "$p999" \
    "$socket_errors" "$http_errors" "$timeouts")")
done

# --- Report ------------------------------------------------------------------------------------
mem_total=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo "?")
cpu_model=$(sed -n 's/^model name[[:space:]]*: *//p' /proc/cpuinfo 2>/dev/null | head -1)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo "?")
dirty=$(git status --porcelain 2>/dev/null | grep -q . && echo " (with uncommitted changes)" || true)
binary_date=$(date -u -r "$SIGNPOST" '+%Y-%m-%d %H:%M UTC' 2>/dev/null || echo "?")
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
wrk_version=$( (wrk -v 2>&1 || true) | head -1 | awk '{print $2}')
if command -v jq >/dev/null 2>&1; then
  query_count=$(jq -s '[.[] | select(.text != null)] | length' "$QUERIES")
else
  query_count=$(grep -c '"text"' "$QUERIES")
fi

cat <<EOF
## Signpost load test (wrk over loopback)

- Date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')
- Machine: $(nproc) CPUs${cpu_model:+ ($cpu_model)}, ${mem_total} memory, $(uname -sr); load average before the run: ${load}
- Server: \`$SIGNPOST serve${SERVE_ARGS:+ $SERVE_ARGS}\` (binary built ${binary_date}), commit ${commit}${dirty}, ${services} services${SERVER_CPUS:+, pinned to CPU $SERVER_CPUS}
- Load: wrk ${wrk_version}${WRK_CPUS:+ pinned to CPU $WRK_CPUS}, same machine, loopback; ${DURATION} s per step after ${WARMUP} s warm-up; threads = min(connections, 2); timeout ${TIMEOUT}
- Queries: the ${query_count} texts of \`$QUERIES\` in turn, \`GET /services?text=…&per_page=${PER_PAGE}&at=${AT}\`

| connections | threads | requests | requests/s | p50 ms | p90 ms | p99 ms | p99.9 ms | errors: socket / non-2xx / timeout |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|
EOF
printf '%s\n' "${rows[@]}"
