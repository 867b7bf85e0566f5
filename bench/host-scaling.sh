#!/usr/bin/env bash
# Host scaling: time from start to the first response, and resident memory, with published stores of 1,000,
# 100,000 and 1,000,000 pages (the sample published with 1,000 posts, its store grown with copies of a real post
# under new paths), then RSS after serving 1,000 pages spread over the store. The server is stopped by its pid.
# Usage: bench/host-scaling.sh [entries...]   (default: 1000 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNTS=("${@:-1000 100000 1000000}")
WORK=$(mktemp -d)
PORT=5093
SITE_PID=
trap '[ -n "$SITE_PID" ] && kill "$SITE_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
export ConnectionStrings__Blog="Data Source=$WORK/blog.db" Blog__SeedPosts=1000 Blog__RevalidateSeconds=3600
dotnet publish sample/IsrBuild.Sample -c Release -o "$WORK/site" -tl:off -nologo -v:q >/dev/null
dotnet build bench/IsrBuild.Bench.Micro -c Release -o "$WORK/micro" -nologo -v:q >/dev/null

rss() { ps -o rss= -p "$1" | awk '{printf "%.0f", $1 / 1024}'; }

printf '%10s %10s %18s %14s %22s\n' entries store_MB first_response_ms idle_rss_MB rss_after_1000_pages_MB
for entries in ${COUNTS[@]}; do
  rm -rf "$WORK/run" "$WORK/cache" && cp -r "$WORK/site" "$WORK/run"
  dotnet "$WORK/micro/IsrBuild.Bench.Micro.dll" synthesize-store "$WORK/run" "$entries" >/dev/null
  size=$(du -m "$WORK/run/isr/isr-pages.db" | awk '{print $1}')
  sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
  start=$(date +%s%N)
  (cd "$WORK/run" && Isr__CacheDirectory="$WORK/cache" Logging__LogLevel__Default=Warning \
     exec taskset -c 0 dotnet IsrBuild.Sample.dll --urls http://127.0.0.1:$PORT >/dev/null 2>&1) &
  SITE_PID=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/posts/$((entries - 1))"; do sleep 0.02; done
  first=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 5 # templates load in the background at startup
  idle=$(rss "$SITE_PID")
  step=$(( entries / 1000 > 0 ? entries / 1000 : 1 ))
  for i in $(seq 1 1000); do curl -s -o /dev/null "http://127.0.0.1:$PORT/posts/$(( (i * step) % entries + 1 ))"; done
  printf '%10s %10s %18s %14s %22s\n' "$entries" "$size" "$first" "$idle" "$(rss "$SITE_PID")"
  kill "$SITE_PID"; wait "$SITE_PID" 2>/dev/null || true; SITE_PID=
done
