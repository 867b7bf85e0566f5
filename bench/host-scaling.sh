#!/usr/bin/env bash
# Host scaling: time from start to the first response, and resident memory, with manifests of 1,000, 100,000 and
# 1,000,000 entries (the sample published with 1,000 posts; larger manifests list more posts whose files do not
# exist, written with IsrBuild's own writers: the host's startup and index cost depend on the entries only), then
# RSS after serving every real page once.
# Usage: bench/host-scaling.sh [entries...]   (default: 1000 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNTS=("${@:-1000 100000 1000000}")
WORK=$(mktemp -d)
PORT=5093
trap 'pkill -f "IsrBuild.Sample.dll --urls http://127.0.0.1:$PORT" || true; rm -rf "$WORK"' EXIT
export ConnectionStrings__Blog="Data Source=$WORK/blog.db" Blog__SeedPosts=1000 Blog__RevalidateSeconds=3600
dotnet publish sample/IsrBuild.Sample -c Release -o "$WORK/site" -tl:off -nologo -v:q >/dev/null
dotnet build bench/IsrBuild.Bench.Micro -c Release -o "$WORK/micro" -nologo -v:q >/dev/null

rss() { ps -o rss= -p "$1" | awk '{printf "%.0f", $1 / 1024}'; }

printf '%10s %12s %18s %14s %22s\n' entries manifest_MB first_response_ms idle_rss_MB rss_after_1000_pages_MB
for entries in ${COUNTS[@]}; do
  rm -rf "$WORK/run" && cp -r "$WORK/site" "$WORK/run"
  dotnet "$WORK/micro/IsrBuild.Bench.Micro.dll" synthesize-manifest "$WORK/run" "$entries" >/dev/null
  size=$(du -m "$WORK/run/isr/isr-manifest.json" | awk '{print $1}')
  start=$(date +%s%N)
  (cd "$WORK/run" && Isr__CacheDirectory="$WORK/cache" Logging__LogLevel__Default=Warning \
     exec taskset -c 0 dotnet IsrBuild.Sample.dll --urls http://127.0.0.1:$PORT >/dev/null 2>&1) &
  until curl -sf -o /dev/null http://127.0.0.1:$PORT/posts/1; do sleep 0.02; done
  first=$(( ($(date +%s%N) - start) / 1000000 ))
  pid=$(pgrep -f "IsrBuild.Sample.dll --urls http://127.0.0.1:$PORT")
  sleep 5 # templates compile in the background at startup
  idle=$(rss "$pid")
  for i in $(seq 1 1000); do curl -s -o /dev/null "http://127.0.0.1:$PORT/posts/$i"; done
  printf '%10s %12s %18s %14s %22s\n' "$entries" "$size" "$first" "$idle" "$(rss "$pid")"
  kill "$pid"; wait 2>/dev/null || true
done
