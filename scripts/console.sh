#!/usr/bin/env bash
# Installs what is missing, builds, starts the sandbox platform on loopback and
# opens the console on it. The sandbox stops when the console closes.
# Without a display it prints `e2ictl status --watch` instead (Ctrl-C to stop).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"

workdir=$(mktemp -d -t e2i-sandbox.XXXXXX)
"$root/scripts/sandbox/e2i-sandbox" up --dir "$workdir" > "$workdir/up.log" 2>&1 &
sandbox=$!
cleanup() {
    kill "$sandbox" 2>/dev/null || true
    wait "$sandbox" 2>/dev/null || true
    rm -rf "$workdir"
}
trap cleanup EXIT INT TERM

for _ in $(seq 1 120); do
    grep -q '^READY' "$workdir/up.log" 2>/dev/null && break
    kill -0 "$sandbox" 2>/dev/null || { cat "$workdir/up.log" >&2; exit 1; }
    sleep 0.5
done
grep -q '^READY' "$workdir/up.log" || { echo "sandbox did not start; see $workdir/up.log" >&2; exit 1; }
config="$workdir/console.yml"
echo "sandbox up in $workdir (config $config)" >&2

bin="$root/build/release/app"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ "${QT_QPA_PLATFORM:-}" = offscreen ]; then
    "$bin/e2i-console" --config "$config" "$@"
else
    echo "no display: showing 'e2ictl status --watch' instead of the window" >&2
    "$bin/e2ictl" status --watch --config "$config"
fi
