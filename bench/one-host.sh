# Sourced by the scripts that run the published sample as one host: with PORT set, it defines URL, the server's pid
# (SERVER, stopped by its pid on exit, with the work folder unless KEEP names it) and wait_for.
WORK=${KEEP:-$(mktemp -d)}
URL=http://127.0.0.1:$PORT
SERVER=
stop_server() { if [[ -n "$SERVER" ]]; then kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null; SERVER=; fi; }
trap 'stop_server; [[ -n "${KEEP:-}" ]] || rm -rf "$WORK"' EXIT
if curl -s -o /dev/null --max-time 1 "$URL/"; then echo "port $PORT is already in use; stop what listens there first" >&2; exit 1; fi
wait_for() { for _ in $(seq 1 1200); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done; echo "no answer from $1" >&2; return 1; }
