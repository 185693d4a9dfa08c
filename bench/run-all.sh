#!/usr/bin/env bash
# Runs the benchmarks of issue 19 one after the other, in Release, and prints one JSON line per figure on standard
# output (each benchmark's own report goes to standard error), so a run can be compared with the last:
#   bench/run-all.sh > bench-$(date +%F).jsonl
#   SKIP="dispatch render" bench/run-all.sh    # leave out what the space-separated list names (upload signup dispatch render)
# A benchmark that fails does not stop the others: it prints {"figure":...,"failed":...} instead of its figures, and
# the script exits non-zero at the end. The machine should be otherwise idle; say so next to any figure quoted from a
# loaded one (the first line gives the load average at the start).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CONFIGURATION=Release
skip=" ${SKIP:-} "
failures=0

# JSON lines of a benchmark's report to standard output, every other line to standard error: each line appears once.
figures() {
  local line
  while IFS= read -r line; do
    if [[ "$line" == '{"'* ]]; then printf '%s\n' "$line"; else printf '%s\n' "$line" >&2; fi
  done
}

# failed <figure> <what failed>: the line that stands for a benchmark's missing figures.
failed() {
  failures=$((failures + 1))
  printf '{"figure":"%s","failed":"%s"}\n' "$1" "$2"
}

wanted() { [[ "$skip" != *" $1 "* ]]; }

printf '{"figure":"machine","utc":"%s","load_1min":%s,"cores":%s,"commit":"%s"}\n' "$(date -u +%FT%TZ)" \
  "$(cut -d' ' -f1 /proc/loadavg)" "$(nproc)" "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"

dotnet build "$root/bench/Newsletter.Benchmarks/Newsletter.Benchmarks.csproj" -c Release --nologo -v q -clp:ErrorsOnly >&2 \
  || failed benchmarks-build "dotnet build bench/Newsletter.Benchmarks -c Release"
bench=(dotnet "$root/bench/Newsletter.Benchmarks/bin/Release/net10.0/Newsletter.Benchmarks.dll")

if wanted upload; then
  # Upload over HTTP to `published`: 4 at a time (latency, as the goal is set) and 16 at a time (throughput).
  for c in 4 16; do
    CONCURRENCY=$c "$root/bench/upload-latency.sh" | figures || failed upload_to_published "bench/upload-latency.sh, CONCURRENCY=$c"
  done
fi

if wanted signup; then
  if command -v wrk >/dev/null; then
    # Signup POSTs under load; wrk's report and the script's count of accepted POSTs become one line.
    report="$(mktemp)"
    if "$root/bench/subscribe-load.sh" >"$report"; then
      cat "$report" >&2
      awk '
        /Requests\/sec:/ { rps = $2 }
        $1 == "50%" { p50 = $2 }
        $1 == "99%" { p99 = $2 }
        /Non-2xx/ { non2xx = $NF }
        /Socket errors/ { sockets = $0; sub(/^ *Socket errors: */, "", sockets) }
        /^signup POSTs:/ { accepted = $3; rejected = $5; posts = $(NF - 2) }
        /FORM_PER_SIGNUP=1/ { per_signup = "true" }
        END {
          printf "{\"figure\":\"signup_posts\",\"accepted_posts_per_s\":%s,\"accepted\":%d,\"not_accepted\":%d,\"requests_per_s\":%s,\"p50\":\"%s\",\"p99\":\"%s\",\"non_2xx\":%d,\"socket_errors\":\"%s\",\"form_per_signup\":%s}\n",
            posts == "" ? "null" : posts, accepted, rejected, rps == "" ? "null" : rps, p50, p99, non2xx, sockets, per_signup == "" ? "false" : per_signup }' "$report"
    else
      cat "$report" >&2
      failed signup_posts "bench/subscribe-load.sh"
    fi
    rm -f "$report"
  else
    failed signup_posts "wrk is missing (apt-get install -y wrk)"
  fi
fi

if wanted dispatch; then
  # Dispatch of 10k, 100k and 1M synthetic readers to the SendGrid stub: one JSON line per scenario, and one for the
  # growth of the working set from 100k to 1M.
  "${bench[@]}" dispatch batched | figures || failed dispatch "Newsletter.Benchmarks dispatch batched"
fi

if wanted render; then
  # Edition rendering, BenchmarkDotNet side by side: the project's path, Fluid alone, Handlebars.Net and Scriban.
  "${bench[@]}" render | figures || failed render "Newsletter.Benchmarks render"
fi

[ "$failures" -eq 0 ] || { echo "$failures benchmark(s) failed: see the \"failed\" lines" >&2; exit 1; }
