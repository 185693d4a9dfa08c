#!/usr/bin/env bash
# Load test of POST /subscribe (the signup form) on loopback: starts `./newsletter serve --in-memory` on a free
# port with the per-IP rate limit raised and the minimum render time set to 0 (every request comes
# from 127.0.0.1 and is sent at once), then runs wrk with a different address per request.
# Before the run it fetches the form and checks that a post with its stamp is accepted, twice: when the
# stamp turns out to be single-use, each signup fetches a form of its own (FORM_PER_SIGNUP=1, which can
# also be set by hand), and the last line counts the accepted POSTs alone.
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

site="http://127.0.0.1:$port"
stamp_of() { grep -o 'name="rendered" value="[^"]*"' | sed 's/.*value="//; s/"$//'; }
RENDERED="$(curl -sf "$site/subscribe" | stamp_of || true)"
[ -n "$RENDERED" ] || { echo "GET $site/subscribe served no form with a render stamp (name=\"rendered\"): the signup form moved or changed" >&2; exit 1; }
export RENDERED

# One signup by hand, then a second with the same stamp: both must be accepted ("Check your inbox").
signup() {
  curl -s -o "$data/answer.html" -w '%{http_code}' -X POST "$site/subscribe" -H 'Content-Type: application/x-www-form-urlencoded' \
    --data "email=$1%40example.org&name=Load+Test&topics=Research&frequency=weekly&website=&rendered=$RENDERED"
}
accepted() { [ "$1" = 200 ] && grep -q 'Check your inbox' "$data/answer.html"; }
status="$(signup check-first)"
accepted "$status" || { echo "POST $site/subscribe with a fresh stamp was not accepted (HTTP $status):" >&2; head -c 2000 "$data/answer.html" >&2; exit 1; }
status="$(signup check-second)"
if [ "${FORM_PER_SIGNUP:-0}" != 1 ] && ! accepted "$status"; then
  echo "the form's stamp is single-use (a second post with it answered HTTP $status): fetching a form per signup" >&2
  export FORM_PER_SIGNUP=1
fi

# Warm up (JIT, connection pools), then measure.
wrk -t1 -c4 -d3s -s "$root/bench/subscribe-load.lua" "$site" >/dev/null
echo "wrk -t$threads -c$connections -d$duration --latency -s bench/subscribe-load.lua $site (FORM_PER_SIGNUP=${FORM_PER_SIGNUP:-0})"
wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$root/bench/subscribe-load.lua" "$site" | tee "$data/wrk.txt"
echo "mails written during the run: $(find "$data/outbox" -name '*.eml' 2>/dev/null | wc -l)"
if ! grep -q '^signup POSTs: [1-9]' "$data/wrk.txt"; then
  echo "no signup POST was accepted during the run" >&2
  exit 1
fi
