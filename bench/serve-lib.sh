# shellcheck shell=bash
# Sourced by the bench scripts: starts `newsletter serve` in the background for one benchmark and stops it (and
# removes its data folder) when the script exits.
#   bench_serve "$port" "$data" <command that runs newsletter> serve [serve options...]
bench_serve() {
  local port="$1" data="$2"
  shift 2
  local log="$data/serve.log"
  "$@" --port "$port" --data-dir "$data" >"$log" 2>&1 &
  bench_serve_pid=$!
  bench_serve_data="$data"
  trap bench_serve_stop EXIT
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && return 0
    sleep 0.5
  done
  cat "$log" >&2
  return 1
}

bench_serve_stop() {
  kill -TERM "$bench_serve_pid" 2>/dev/null || true
  wait "$bench_serve_pid" 2>/dev/null || true
  rm -rf "$bench_serve_data"
}
