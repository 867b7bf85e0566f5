#!/usr/bin/env bash
# Serving throughput with the DEFAULT options: the published sample (server pinned to CPU 0) against a minimal
# Kestrel app serving the same bytes from a dictionary, the same app behind ASP.NET Core Output Caching, and (as a
# diagnostic) the dictionary served through the sample's own pipeline (CreateBuilder, routing, status pages), with
# wrk pinned to CPU 1 rotating over every post. Every server is started fresh and stopped by its pid. The four are
# measured in turn, five rounds of 5 s each (ROUNDS=n to change), each round starting with the next server, and the
# medians compared: this VM drifts by tens of percent.
# Usage: bench/serving.sh [posts...]   (default: 1000 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
POST_COUNTS=("${@:-1000 10000 100000}")
ROUNDS=${ROUNDS:-5}
WORK=$(mktemp -d)
PIDS=()
stop_all() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done; PIDS=(); }
trap 'stop_all; rm -rf "$WORK"' EXIT
dotnet build bench/IsrBuild.Bench.Baseline -c Release -o "$WORK/baseline" -v:q -nologo >/dev/null

wait_for() { for _ in $(seq 1 600); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done; echo "no answer from $1" >&2; return 1; }
# A server left on one of the ports would be measured in place of the one this script starts (which then fails to
# bind and exits): refuse to run instead.
for port in 5090 5091 5092 5093; do
  if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; then echo "port $port is already in use; stop what listens there first" >&2; exit 1; fi
done
rss_mb() { ps -o rss= -p "$1" | awk '{printf "%.0f", $1 / 1024}'; }

run_wrk() { # name url posts [extra wrk args]
  local name=$1 url=$2 posts=$3; shift 3
  POSTS=$posts taskset -c 1 wrk -t1 -c50 -d5s --latency -s bench/rotate.lua "$@" "$url" > "$WORK/$name.txt"
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$name.txt")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$WORK/$name.txt")
  printf '%-28s %12s req/s   p50 %-9s p99 %s\n' "$name" "$rps" "$p50" "$p99"
  echo "$rps" >> "$WORK/$name.rps"
}

median() { sort -n "$WORK/$1.rps" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
round_ratios() { paste "$WORK/$1.rps" "$WORK/$2.rps" | awk '{ printf "%.2f ", $1 / $2 }'; }
ratio() { awk -v a="$(median "$1")" -v b="$(median "$2")" 'BEGIN { printf "%.2f", a / b }'; }

for posts in ${POST_COUNTS[@]}; do
  out="$WORK/site-$posts"
  echo "== $posts posts"
  ConnectionStrings__Blog="Data Source=$WORK/blog-$posts.db" Blog__SeedPosts=$posts Blog__RevalidateSeconds=3600 \
    dotnet publish sample/IsrBuild.Sample -c Release -o "$out" -tl:off -nologo -v:q >/dev/null

  # Only what any deployment sets: the database, the cache folder, the log level. Every Isr option is its default.
  (cd "$out" && ConnectionStrings__Blog="Data Source=$WORK/blog-$posts.db" Isr__CacheDirectory="$WORK/cache-$posts" \
     Logging__LogLevel__Default=Warning exec taskset -c 0 dotnet IsrBuild.Sample.dll --urls http://127.0.0.1:5090 >/dev/null 2>&1) &
  isr=$!; PIDS+=("$isr")
  taskset -c 0 dotnet "$WORK/baseline/IsrBuild.Bench.Baseline.dll" "$out" --urls http://127.0.0.1:5091 >/dev/null 2>&1 &
  base=$!; PIDS+=("$base")
  taskset -c 0 dotnet "$WORK/baseline/IsrBuild.Bench.Baseline.dll" "$out" --output-cache --urls http://127.0.0.1:5092 >/dev/null 2>&1 &
  cache=$!; PIDS+=("$cache")
  (Logging__LogLevel__Default=Warning exec taskset -c 0 dotnet "$WORK/baseline/IsrBuild.Bench.Baseline.dll" "$out" --pipeline --urls http://127.0.0.1:5093 >/dev/null 2>&1) &
  pipeline=$!; PIDS+=("$pipeline")
  wait_for http://127.0.0.1:5090/posts/1; wait_for http://127.0.0.1:5091/posts/1; wait_for http://127.0.0.1:5092/posts/1; wait_for http://127.0.0.1:5093/posts/1
  for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "a server exited at startup (pid $pid)" >&2; exit 1; }; done

  # Warm each for 10 s, so the measured pass is the steady state: every page seen, and the JIT done. On one busy
  # core, .NET's tiered JIT takes seconds to move hot code through its instrumented tier to the optimized one, longer
  # for code that is not precompiled (IsrBuild's, unlike the framework's ReadyToRun code); after 3 s IsrBuild's hot
  # path was still partly unoptimized (perf showed PageMemoryCache.TryGet QuickJitted), which made the first round
  # of every run slow.
  for port in 5090 5091 5092 5093; do
    POSTS=$posts taskset -c 1 wrk -t1 -c50 -d10s -s bench/rotate.lua http://127.0.0.1:$port >/dev/null
  done
  # The VM speeds up and slows down within a round too, so each round starts with the next server in turn: no
  # server is always measured first.
  servers=("baseline 5091" "isrbuild 5090" "outputcache 5092" "pipeline 5093")
  for round in $(seq 1 "$ROUNDS"); do
    for i in 0 1 2 3; do
      read -r name port <<< "${servers[$(( (i + round - 1) % 4 ))]}"
      run_wrk "$name-$posts" "http://127.0.0.1:$port" "$posts"
    done
  done
  run_wrk "isrbuild-br-$posts" http://127.0.0.1:5090 "$posts" -H "Accept-Encoding: br"
  echo "medians req/s: baseline $(median "baseline-$posts"), isrbuild $(median "isrbuild-$posts"), outputcache $(median "outputcache-$posts"), pipeline $(median "pipeline-$posts")"
  echo "ratio isrbuild/baseline: $(ratio "isrbuild-$posts" "baseline-$posts")   outputcache/baseline: $(ratio "outputcache-$posts" "baseline-$posts")   sample pipeline without IsrBuild/baseline: $(ratio "pipeline-$posts" "baseline-$posts")"
  echo "isrbuild/baseline per round: $(round_ratios "isrbuild-$posts" "baseline-$posts")"
  echo "RSS MB: isrbuild $(rss_mb "$isr"), baseline $(rss_mb "$base"), outputcache $(rss_mb "$cache")"
  stop_all
  rm -rf "$out" "$WORK/cache-$posts"
done
