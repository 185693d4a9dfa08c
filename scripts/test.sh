#!/usr/bin/env bash
# Sets up and runs every test: installs the local tools, builds, runs all test projects against a real
# Azurite, and prints the totals as its last line: "N passed, N failed, N skipped".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh"
cd "$root"

ensure_tools
ensure_node_modules
ensure_chromium

results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

log "building..."
# Warnings are printed, and there are none: each one fails the build, NU1603 too (the Worker SDK's generated
# extensions project gets pinned versions from Newsletter.FunctionApp.csproj).
dotnet build NewsletterFunctions.sln -c Debug --nologo -v q

log "testing..."
status=0
dotnet test NewsletterFunctions.sln -c Debug --no-build --nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" \
  --blame-hang-timeout 10m "$@" || status=$?

passed=0 failed=0 skipped=0 total=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  value() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  t=$(value total) e=$(value executed) p=$(value passed)
  total=$((total + t)); passed=$((passed + p)); failed=$((failed + e - p)); skipped=$((skipped + t - e))
done

if [ "$total" -eq 0 ]; then
  log "no test ran"
  status=1
fi
if [ "$failed" -gt 0 ]; then
  status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
