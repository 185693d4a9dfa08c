# Shared by ./newsletter and scripts/test.sh: install what the project needs, quietly, once.
root="${root:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"

log() { printf '%s\n' "$*" >&2; }

ensure_tools() {
  command -v dotnet >/dev/null || { log "The .NET SDK 10 is needed: https://dotnet.microsoft.com/download"; exit 1; }
  command -v node >/dev/null || { log "Node.js 20 or newer is needed (for Azurite, the storage emulator)."; exit 1; }
  command -v npm >/dev/null || { log "npm is needed (it comes with Node.js)."; exit 1; }
}

# npm ci when node_modules is missing or older than the lock file.
ensure_node_modules() {
  local marker="$root/node_modules/.package-lock.json"
  if [ ! -f "$root/node_modules/azurite/dist/src/azurite.js" ] || [ ! -f "$root/node_modules/maildev/bin/maildev" ] \
    || [ "$root/package-lock.json" -nt "$marker" ]; then
    log "installing local tools (npm ci)..."
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
}

# True when the output is missing or any source or build file is newer than it.
needs_build() {
  local output="$1"
  [ -f "$output" ] || return 0
  [ -n "$(find "$root/src" "$root/Directory.Build.props" "$root/Directory.Packages.props" "$root/host.json" \
      \( -name bin -o -name obj \) -prune -o -type f -newer "$output" -print -quit)" ]
}

# The browser tests drive Debian's Chromium (Playwright never downloads a browser here).
ensure_chromium() {
  [ -x /usr/bin/chromium ] && return 0
  if command -v apt-get >/dev/null; then
    log "installing chromium for the browser tests (apt-get)..."
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  else
    log "The browser tests need Chromium at /usr/bin/chromium; install your system's chromium package."
  fi
}
