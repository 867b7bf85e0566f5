#!/usr/bin/env bash
# A flood of never-seen valid ids against known pages, with the DEFAULT options (Isr:MaxFirstRendersPerSecond 100),
# and for contrast the same host with no ceiling (0): the published sample (server pinned to CPU 0) with 1,000
# prerendered posts and 200,000 more added to its database after publish, so every flood request names a real post
# never rendered. wrk on CPU 1 rotates over the known posts (HITs), alone and then beside a second wrk sending about
# 1,000 new ids a second (bench/flood.lua); five rounds of 5 s each (ROUNDS=n), the ratio taken per round (this VM
# drifts by tens of percent between runs), and the flood's renders per second from its 2xx answers.
# Usage: bench/flood.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3; }
ROUNDS=${ROUNDS:-5}
POSTS=1000
WORK=$(mktemp -d)
PIDS=()
stop_all() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done; PIDS=(); }
trap 'stop_all; rm -rf "$WORK"' EXIT
wait_for() { for _ in $(seq 1 600); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done; echo "no answer from $1" >&2; return 1; }
for port in 5094 5095; do if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; then echo "port $port is already in use; stop what listens there first" >&2; exit 1; fi; done

ConnectionStrings__Blog="Data Source=$WORK/blog.db" Blog__SeedPosts=$POSTS Blog__RevalidateSeconds=3600 \
  dotnet publish sample/IsrBuild.Sample -c Release -o "$WORK/site" -tl:off -nologo -v:q >/dev/null
# Posts written after publish: real ids, never rendered.
sqlite3 "$WORK/blog.db" "WITH RECURSIVE n(i) AS (SELECT 1000001 UNION ALL SELECT i + 1 FROM n WHERE i < 1200000)
  INSERT INTO posts (id, title, body) SELECT i, 'Post ' || i, 'Body of post ' || i FROM n;"

start_host() { # port ceiling
  (cd "$WORK/site" && ConnectionStrings__Blog="Data Source=$WORK/blog.db" Isr__CacheDirectory="$WORK/cache-$1" \
     Isr__MaxFirstRendersPerSecond=$2 Logging__LogLevel__Default=Warning \
     exec taskset -c 0 dotnet IsrBuild.Sample.dll --urls "http://127.0.0.1:$1" >"$WORK/site-$1.log" 2>&1) &
  PIDS+=("$!")
}

measure() { # label port ceiling-option
  local label=$1 port=$2
  [ -n "$3" ] && start_host "$port" "$3"
  [ -z "$3" ] && start_host "$port" 100
  wait_for "http://127.0.0.1:$port/posts/1"
  POSTS=$POSTS taskset -c 1 wrk -t1 -c50 -d10s -s bench/rotate.lua "http://127.0.0.1:$port" >/dev/null
  : > "$WORK/ratios-$label"
  for round in $(seq 1 "$ROUNDS"); do
    alone=$(POSTS=$POSTS taskset -c 1 wrk -t1 -c50 -d5s -s bench/rotate.lua "http://127.0.0.1:$port" | awk '/Requests\/sec/ {print $2}')
    FROM=$from taskset -c 1 wrk -t1 -c20 -d5s -s bench/flood.lua "http://127.0.0.1:$port" > "$WORK/flood.txt" &
    flood=$!
    beside=$(POSTS=$POSTS taskset -c 1 wrk -t1 -c50 -d5s -s bench/rotate.lua "http://127.0.0.1:$port" | awk '/Requests\/sec/ {print $2}')
    wait "$flood"
    total=$(awk '/requests in/ {print $1}' "$WORK/flood.txt")
    refused=$(awk '/Non-2xx/ {print $5}' "$WORK/flood.txt"); refused=${refused:-0}
    from=$((from + total))
    awk -v a="$alone" -v b="$beside" 'BEGIN { printf "%.2f\n", b / a }' >> "$WORK/ratios-$label"
    awk -v l="$label" -v r="$round" -v a="$alone" -v b="$beside" -v t="$total" -v f="$refused" 'BEGIN {
      printf "%-10s round %d: HITs alone %6.0f req/s, beside the flood %6.0f req/s = %.2fx; flood %5d requests, %5d refused (503), %4.0f first renders/s\n",
        l, r, a, b, b / a, t, f, (t - f) / 5 }'
  done
  sort -n "$WORK/ratios-$label" | awk -v l="$label" '{ v[NR] = $1 } END { printf "%-10s median HITs beside the flood / alone: %.2fx\n", l, v[int((NR + 1) / 2)] }'
  stop_all
}

from=1000001
measure default 5094 ""
echo "event 36 lines in the default host's log: $(grep -c 'first renders past' "$WORK/site-5094.log" || true)"
measure no-ceiling 5095 0
