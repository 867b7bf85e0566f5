#!/usr/bin/env bash
# Endpoint pages against IsrPage pages, and what IsrBuild adds to a request for a page without ISR, with the DEFAULT
# options: one app (bench/IsrBuild.Bench.EndpointSite) run twice on CPU 0, with IsrBuild and without it (--no-isr),
# wrk on CPU 1 rotating over 500 posts of 10 KB. Four servers in turn, five rounds of 5 s each (ROUNDS=n), each round
# starting with the next, and each ratio the median of the per-round ratios (this VM drifts by tens of percent).
#   plain-without  /plain/{id}     a minimal API endpoint, IsrBuild not installed
#   plain-with     /plain/{id}     the same endpoint in the app with IsrBuild (AddIsr, MapIsr, ISR pages beside it)
#   endpoint-hit   /endpoint/{id}  the same endpoint with WithIsr(3600): a HIT
#   page-hit       /page/{id}      an IsrPage class rendering the same HTML: a HIT
# Usage: bench/endpoints.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
ROUNDS=${ROUNDS:-5}
POSTS=500
WORK=$(mktemp -d)
PIDS=()
stop_all() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done; PIDS=(); }
trap 'stop_all; rm -rf "$WORK"' EXIT
wait_for() { for _ in $(seq 1 600); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done; echo "no answer from $1" >&2; return 1; }
for port in 5096 5097; do
  if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; then echo "port $port is already in use; stop what listens there first" >&2; exit 1; fi
done

dotnet build bench/IsrBuild.Bench.EndpointSite -c Release -o "$WORK/site" -v:q -nologo >/dev/null
root=$(pwd)/bench/IsrBuild.Bench.EndpointSite
(Isr__CacheDirectory="$WORK/cache" exec taskset -c 0 dotnet "$WORK/site/IsrBuild.Bench.EndpointSite.dll" --contentRoot "$root" --urls http://127.0.0.1:5097 >/dev/null 2>&1) &
PIDS+=("$!")
(exec taskset -c 0 dotnet "$WORK/site/IsrBuild.Bench.EndpointSite.dll" --no-isr --contentRoot "$root" --urls http://127.0.0.1:5096 >/dev/null 2>&1) &
PIDS+=("$!")
wait_for http://127.0.0.1:5097/plain/1; wait_for http://127.0.0.1:5096/plain/1

# Every ISR page rendered once (a first render past Isr:MaxFirstRendersPerSecond is a 503: curl retries it).
for id in $(seq 1 "$POSTS"); do
  for prefix in endpoint page; do
    curl -s -o /dev/null --max-time 10 --retry 20 --retry-delay 1 "http://127.0.0.1:5097/$prefix/$id"
  done
done
for prefix in endpoint page; do
  state=$(curl -s -o /dev/null -D - "http://127.0.0.1:5097/$prefix/7" | awk -F': ' 'tolower($1) == "x-isr-cache" { print $2 }' | tr -d '\r')
  [ "$state" = "HIT" ] || { echo "/$prefix/7 is not a HIT after the warm-up ($state)" >&2; exit 1; }
done

servers=("plain-without 5096 /plain/" "plain-with 5097 /plain/" "endpoint-hit 5097 /endpoint/" "page-hit 5097 /page/")
for server in "${servers[@]}"; do
  read -r _ port prefix <<< "$server"
  PREFIX=$prefix POSTS=$POSTS taskset -c 1 wrk -t1 -c50 -d10s -s bench/rotate.lua "http://127.0.0.1:$port" >/dev/null
done
for round in $(seq 1 "$ROUNDS"); do
  for i in 0 1 2 3; do
    read -r name port prefix <<< "${servers[$(( (i + round - 1) % 4 ))]}"
    rps=$(PREFIX=$prefix POSTS=$POSTS taskset -c 1 wrk -t1 -c50 -d5s -s bench/rotate.lua "http://127.0.0.1:$port" | awk '/Requests\/sec/ {print $2}')
    echo "$rps" >> "$WORK/$name.rps"
    printf 'round %d %-14s %10s req/s\n' "$round" "$name" "$rps"
  done
done

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
paired() { paste "$WORK/$1.rps" "$WORK/$2.rps" | awk '{ print $1 / $2 }' > "$WORK/ratio"; median "$WORK/ratio"; }
for name in plain-without plain-with endpoint-hit page-hit; do printf 'median %-14s %10s req/s\n' "$name" "$(median "$WORK/$name.rps")"; done
printf 'a page without ISR, with IsrBuild / without: %.3f (target >= 0.98)\n' "$(paired plain-with plain-without)"
printf 'a HIT on an endpoint page / a HIT on an IsrPage: %.3f (target about 1)\n' "$(paired endpoint-hit page-hit)"
