#!/usr/bin/env bash
# Refreshes the pictures in docs/ that the README shows, from the browser tests that take them.
# ./scripts/test.sh writes the same screenshots to TestResults/screenshots/ (ignored), so a test run
# leaves the tree clean; this script is the one that rewrites docs/*.png, on purpose.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh"
cd "$root"

ensure_tools
ensure_node_modules
ensure_chromium

log "building the browser tests..."
dotnet build tests/Newsletter.EndToEnd.Tests -c Debug --nologo -v q

log "taking the screenshots into docs/..."
NEWSLETTER_SCREENSHOTS="$root/docs" dotnet test tests/Newsletter.EndToEnd.Tests -c Debug --no-build --nologo \
  --filter "FullyQualifiedName~EditionPageTests|FullyQualifiedName~SubscriptionJourneyTests|FullyQualifiedName~PortalJourneyTests|FullyQualifiedName~ConsoleJourneyTests|FullyQualifiedName~ConsolePeopleJourneyTests" "$@"
git -C "$root" status --short -- docs
