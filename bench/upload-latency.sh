#!/usr/bin/env bash
# Uploads over HTTP to `published` on the local host: starts `./newsletter serve` on a free port with a fresh data
# folder, adds an auto-publish member, and has the upload benchmark POST distinct text releases to its upload door,
# CONCURRENCY at a time, asking each one's status until it leaves `processing`. Prints p50/p95/max, uploads per
# second, and one JSON line with the same figures.
#   bench/upload-latency.sh                            # 200 releases, 4 at a time
#   RELEASES=400 CONCURRENCY=16 bench/upload-latency.sh
#   CONFIGURATION=Release bench/upload-latency.sh      # the same host, built in Release
#   WARMUP=20 POLL_MS=10 bench/upload-latency.sh       # warm-up uploads before the run (default 200), status asked every POLL_MS (default 25)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
releases="${RELEASES:-200}" concurrency="${CONCURRENCY:-4}"
port="${PORT:-7392}"
configuration="${CONFIGURATION:-Debug}"

data="$(mktemp -d)"
export NEWSLETTER_DATA="$data"
export Logging__LogLevel__Default=Warning

dotnet build "$root/src/Newsletter.Cli/Newsletter.Cli.csproj" -c "$configuration" --nologo -v q -clp:ErrorsOnly >&2
dotnet build "$root/bench/Newsletter.Benchmarks/Newsletter.Benchmarks.csproj" -c Release --nologo -v q -clp:ErrorsOnly >&2
cli=(dotnet "$root/src/Newsletter.Cli/bin/$configuration/net10.0/newsletter.dll")

# shellcheck source=bench/serve-lib.sh
source "$root/bench/serve-lib.sh"
bench_serve "$port" "$data" "${cli[@]}" serve

key="$("${cli[@]}" members add bench --name "Benchmark University" --auto-publish | sed -n 's/^API key.*: //p')"
[ -n "$key" ] || { echo "could not add the benchmark member" >&2; exit 1; }

bench=(dotnet "$root/bench/Newsletter.Benchmarks/bin/Release/net10.0/Newsletter.Benchmarks.dll" upload "http://127.0.0.1:$port" bench "$key")
# Warm up (JIT, connection pools) on releases of their own, then measure. A profile of the run after 20 warm-up uploads
# showed half of serve's CPU in the JIT's tiered compilation thread: the figure is meant for a host in its steady state.
"${bench[@]}" "${WARMUP:-200}" "$concurrency" 1000000 >/dev/null
echo "upload $releases releases, $concurrency at a time, on serve ($configuration)"
"${bench[@]}" "$releases" "$concurrency"
