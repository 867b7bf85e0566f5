#!/usr/bin/env bash
# HIT throughput: the published sample (server pinned to CPU 0) against the minimal Kestrel baseline serving the
# same bytes from a dictionary, wrk pinned to CPU 1 rotating over the posts. Usage: bench/serving.sh [posts...]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
POST_COUNTS=("${@:-1000 10000}")
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
dotnet build bench/IsrBuild.Bench.Baseline -c Release -o "$WORK/baseline" -v:q -nologo >/dev/null

wait_for() { for _ in $(seq 1 200); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done; echo "no answer from $1" >&2; return 1; }

run_wrk() { # name url posts [extra wrk args]
  local name=$1 url=$2 posts=$3; shift 3
  POSTS=$posts taskset -c 1 wrk -t1 -c50 -d10s --latency -s bench/rotate.lua "$@" "$url" > "$WORK/$name.txt"
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$name.txt")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$WORK/$name.txt")
  printf '%-28s %12s req/s   p50 %-9s p99 %s\n' "$name" "$rps" "$p50" "$p99"
  echo "$rps" > "$WORK/$name.rps"
}

for posts in ${POST_COUNTS[@]}; do
  out="$WORK/site-$posts"
  echo "== $posts posts"
  ConnectionStrings__Blog="Data Source=$WORK/blog-$posts.db" Blog__SeedPosts=$posts Blog__RevalidateSeconds=3600 \
    dotnet publish sample/IsrBuild.Sample -c Release -o "$out" -tl:off -nologo -v:q >/dev/null
  (cd "$out" && ConnectionStrings__Blog="Data Source=$WORK/blog-$posts.db" Isr__CacheDirectory="$WORK/cache-$posts" \
     Isr__MemoryCacheBytes=1073741824 Logging__LogLevel__Default=Warning \
     taskset -c 0 dotnet IsrBuild.Sample.dll --urls http://127.0.0.1:5090 >/dev/null 2>&1 &)
  (taskset -c 0 dotnet "$WORK/baseline/IsrBuild.Bench.Baseline.dll" "$out" --urls http://127.0.0.1:5091 >/dev/null 2>&1 &)
  wait_for http://127.0.0.1:5090/posts/1; wait_for http://127.0.0.1:5091/posts/1
  # Warm both: every page once, so the measured pass is the steady state (IsrBuild's pages in memory).
  POSTS=$posts taskset -c 1 wrk -t1 -c50 -d3s -s bench/rotate.lua http://127.0.0.1:5090 >/dev/null
  POSTS=$posts taskset -c 1 wrk -t1 -c50 -d3s -s bench/rotate.lua http://127.0.0.1:5091 >/dev/null
  run_wrk "baseline-$posts" http://127.0.0.1:5091 "$posts"
  run_wrk "isrbuild-$posts" http://127.0.0.1:5090 "$posts"
  run_wrk "isrbuild-br-$posts" http://127.0.0.1:5090 "$posts" -H "Accept-Encoding: br"
  awk -v a="$(cat "$WORK/isrbuild-$posts.rps")" -v b="$(cat "$WORK/baseline-$posts.rps")" 'BEGIN { printf "ratio isrbuild/baseline: %.2f\n", a / b }'
  echo "server RSS: $(ps -o rss= -C dotnet | sort -n | tail -2 | tr '\n' ' ') KB (baseline and IsrBuild, largest last)"
  pkill -f "IsrBuild.Sample.dll --urls http://127.0.0.1:5090" || true
  pkill -f "IsrBuild.Bench.Baseline.dll" || true
  sleep 1
done
