#!/usr/bin/env bash
# Runs the whole-pipeline benchmarks one after the other, in Release, and prints one JSON line per figure on
# standard output (each benchmark's own report goes to standard error), so a run can be compared with the last:
#   bench/run-all.sh > bench-$(date +%F).jsonl
#   SKIP=dispatch bench/run-all.sh             # leave out what the space-separated list names (upload signup dispatch)
# The machine should be otherwise idle; say so next to any figure quoted from a loaded one.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CONFIGURATION=Release
skip=" ${SKIP:-} "

# Copies a benchmark's report to standard error and keeps its JSON lines.
figures() { tee >(cat >&2) | grep -E '^\{' || true; }

if [[ "$skip" != *" upload "* ]]; then
  # Upload over HTTP to `published`: 4 at a time (latency, as the goal is set) and 16 at a time (throughput).
  for c in 4 16; do
    CONCURRENCY=$c "$root/bench/upload-latency.sh" | figures
  done
fi

if [[ "$skip" != *" signup "* ]]; then
  if command -v wrk >/dev/null; then
    # Signup POSTs under load; wrk's report becomes one line.
    "$root/bench/subscribe-load.sh" | tee >(cat >&2) | awk '
      /Requests\/sec:/ { rps = $2 }
      $1 == "50%" { p50 = $2 }
      $1 == "99%" { p99 = $2 }
      /Non-2xx/ { non2xx = $NF }
      /Socket errors/ { sockets = $0; sub(/^ *Socket errors: */, "", sockets) }
      END { printf "{\"figure\":\"signup_posts\",\"requests_per_s\":%s,\"p50\":\"%s\",\"p99\":\"%s\",\"non_2xx\":%d,\"socket_errors\":\"%s\"}\n", rps, p50, p99, non2xx, sockets }'
  else
    echo "wrk is missing (apt-get install -y wrk): the signup figure is left out" >&2
  fi
fi

if [[ "$skip" != *" dispatch "* ]]; then
  # Dispatch of 10k, 100k and 1M synthetic readers to the SendGrid stub: one JSON line per scenario already.
  dotnet build "$root/bench/Newsletter.Benchmarks/Newsletter.Benchmarks.csproj" -c Release --nologo -v q -clp:ErrorsOnly >&2
  dotnet "$root/bench/Newsletter.Benchmarks/bin/Release/net10.0/Newsletter.Benchmarks.dll" dispatch batched | figures
fi
