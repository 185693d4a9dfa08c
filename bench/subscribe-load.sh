#!/usr/bin/env bash
# Load test of POST /api/subscribe on loopback: starts `./newsletter serve --in-memory` on a free
# port with the per-IP rate limit raised and the minimum render time set to 0 (every request comes
# from 127.0.0.1 and is sent at once), then runs wrk with a different address per request.
#   bench/subscribe-load.sh                 # 2 threads, 32 connections, 15 s
#   THREADS=2 CONNECTIONS=64 DURATION=15s bench/subscribe-load.sh
#   CONFIGURATION=Release bench/subscribe-load.sh   # the same host, built in Release
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threads="${THREADS:-2}" connections="${CONNECTIONS:-32}" duration="${DURATION:-15s}"
port="${PORT:-7391}"

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
data="$(mktemp -d)"

export Subscriptions__IpRateLimit=10000000
export Subscriptions__MinRenderSeconds=0
export Logging__LogLevel__Default=Warning

if [ "${CONFIGURATION:-Debug}" = "Release" ]; then
  dotnet build "$root/src/Newsletter.Cli/Newsletter.Cli.csproj" -c Release --nologo -v q -clp:ErrorsOnly >&2
  cmd=(dotnet "$root/src/Newsletter.Cli/bin/Release/net10.0/newsletter.dll")
else
  cmd=("$root/newsletter")
fi
# shellcheck source=bench/serve-lib.sh
source "$root/bench/serve-lib.sh"
bench_serve "$port" "$data" "${cmd[@]}" serve --in-memory

RENDERED="$(curl -sf "http://127.0.0.1:$port/api/subscribe" | grep -o 'name="rendered" value="[^"]*"' | sed 's/.*value="//; s/"$//')"
export RENDERED

# Warm up (JIT, connection pools), then measure.
wrk -t1 -c4 -d3s -s "$root/bench/subscribe-load.lua" "http://127.0.0.1:$port" >/dev/null
echo "wrk -t$threads -c$connections -d$duration --latency -s bench/subscribe-load.lua http://127.0.0.1:$port"
wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$root/bench/subscribe-load.lua" "http://127.0.0.1:$port"
echo "mails written during the run: $(find "$data/outbox" -name '*.eml' 2>/dev/null | wc -l)"
