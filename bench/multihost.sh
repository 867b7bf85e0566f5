#!/usr/bin/env bash
# Several hosts on one Redis: the published sample as three hosts sharing a redis-server, beside one host alone.
# Reports HIT throughput per host against the single host (same run; no Redis on the hit path), revalidation
# fan-out latency to the other hosts (p50/p99 of 20 calls), the same for an invalidation (mode stale), the
# regenerations a set too large to wait for costs over three hosts under traffic, regenerations for a stampede
# spread over the hosts, and failed requests while Redis is killed under traffic. Every process is stopped by its pid.
# Usage: bench/multihost.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server; }
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3; }
WORK=$(mktemp -d)
PIDS=()
REDIS_PID=
stop_all() { for pid in "${PIDS[@]}" $REDIS_PID; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done; PIDS=(); REDIS_PID=; }
trap 'stop_all; [ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT
SECRET=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
POSTS=1000
REDIS_PORT=6391

ConnectionStrings__Blog="Data Source=$WORK/blog.db" Blog__SeedPosts=$POSTS Blog__RevalidateSeconds=3600 \
  dotnet publish sample/IsrBuild.Sample -c Release -o "$WORK/site" -tl:off -nologo -v:q >/dev/null

start_redis() {
  redis-server --port $REDIS_PORT --bind 127.0.0.1 --save "" --appendonly no > "$WORK/redis.log" 2>&1 &
  REDIS_PID=$!
  until redis-cli -p $REDIS_PORT ping >/dev/null 2>&1; do sleep 0.05; done
}

start_host() { # port cpu [redis]
  local port=$1 cpu=$2 redis=${3:-}
  (cd "$WORK/site" && exec env ConnectionStrings__Blog="Data Source=$WORK/blog.db" Blog__RevalidateSeconds=${REVALIDATE:-3600} \
     Isr__CacheDirectory="$WORK/cache-$port" Isr__RevalidateSecret=$SECRET ${redis:+Isr__Redis__Configuration=$redis} \
     Logging__LogLevel__Default=Warning Logging__LogLevel__IsrBuild=Debug Logging__Console__FormatterName=simple \
     taskset -c "$cpu" dotnet IsrBuild.Sample.dll --urls "http://127.0.0.1:$port" > "$WORK/host-$port.log" 2>&1) &
  PIDS+=("$!")
  for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/posts/1" && return 0; sleep 0.1; done
  echo "host $port did not start" >&2; return 1
}

rps() { awk '/Requests\/sec/ {print $2}' "$1"; }

echo "== HIT throughput, wrk -t1 -c50 -d5s rotating over $POSTS posts, each server on CPU 0 and wrk on CPU 1"
start_redis
start_host 5101 0 "127.0.0.1:$REDIS_PORT"; start_host 5102 0 "127.0.0.1:$REDIS_PORT"; start_host 5103 0 "127.0.0.1:$REDIS_PORT"
start_host 5100 0
for port in 5100 5101 5102 5103; do POSTS=$POSTS taskset -c 1 wrk -t1 -c50 -d3s -s bench/rotate.lua "http://127.0.0.1:$port" >/dev/null; done
for port in 5100 5101 5102 5103; do
  POSTS=$POSTS taskset -c 1 wrk -t1 -c50 -d5s --latency -s bench/rotate.lua "http://127.0.0.1:$port" > "$WORK/wrk-$port.txt"
  printf 'host %s %s: %s req/s, p99 %s\n' "$port" "$([ $port = 5100 ] && echo '(alone)     ' || echo '(with Redis)')" "$(rps "$WORK/wrk-$port.txt")" "$(awk '$1=="99%" {print $2}' "$WORK/wrk-$port.txt")"
done
awk -v a="$(rps "$WORK/wrk-5101.txt")" -v b="$(rps "$WORK/wrk-5100.txt")" 'BEGIN { printf "host with Redis / host alone: %.2f\n", a / b }'

echo "== Revalidation fan-out: update a post, revalidate on host 5101, time until 5102 and 5103 serve it (20 calls)"
for i in $(seq 1 20); do
  id=$(( 100 + i ))
  sqlite3 "$WORK/blog.db" "UPDATE posts SET title = 'Edited $i' WHERE id = $id"
  start=$(date +%s%N)
  curl -s -o /dev/null -X POST -H "Authorization: Bearer $SECRET" "http://127.0.0.1:5101/api/revalidate?path=/posts/$id"
  for port in 5102 5103; do
    for _ in $(seq 1 1000); do curl -s "http://127.0.0.1:$port/posts/$id" | grep -q "Edited $i" && break; sleep 0.005; done
  done
  echo $(( ($(date +%s%N) - start) / 1000000 ))
done | sort -n > "$WORK/fanout.txt"
echo "fan-out to both other hosts, call included: p50 $(awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }' "$WORK/fanout.txt") ms, p99 $(tail -1 "$WORK/fanout.txt") ms (max of 20)"

echo "== Invalidation fan-out: mode stale on a post's tag at host 5101, time until 5102 and 5103 no longer serve the old copy as a HIT (20 calls)"
# A host has it once it answers STALE, or a copy written since (the first STALE answer anywhere regenerates the page
# for every host, so the last host may never answer STALE).
old_copy() { curl -s -o /dev/null -D - "http://127.0.0.1:$1/posts/$2" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-isr-cache" { c = $2 } tolower($1) == "last-modified" { m = $2 } END { print c "|" m }'; }
for i in $(seq 1 20); do
  id=$(( 200 + i ))
  declare -A before_copy=()
  for port in 5102 5103; do before_copy[$port]=$(old_copy $port $id | cut -d'|' -f2); done
  start=$(date +%s%N)
  curl -s -o /dev/null -X POST -H "Authorization: Bearer $SECRET" "http://127.0.0.1:5101/api/revalidate?tag=post:$id&mode=stale"
  for port in 5102 5103; do
    for _ in $(seq 1 1000); do
      IFS='|' read -r cache modified < <(old_copy $port $id)
      [[ "$cache" == "STALE" || "$modified" != "${before_copy[$port]}" ]] && break
      sleep 0.005
    done
  done
  echo $(( ($(date +%s%N) - start) / 1000000 ))
done | sort -n > "$WORK/invalidation-fanout.txt"
echo "invalidation to both other hosts, call included: p50 $(awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }' "$WORK/invalidation-fanout.txt") ms, p99 $(tail -1 "$WORK/invalidation-fanout.txt") ms (max of 20)"

echo "== A set too large to wait for: tag=posts (all $((POSTS + 1)) pages) on host 5101, traffic on all three hosts"
before=$(cat "$WORK"/host-510[123].log | grep -c 'Regenerated /' || true)
code=$(curl -s -o "$WORK/set.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $SECRET" "http://127.0.0.1:5101/api/revalidate?tag=posts")
echo "answer: $code $(head -c 200 "$WORK/set.json")"
loads=()
for port in 5101 5102 5103; do POSTS=$POSTS taskset -c 1 wrk -t1 -c20 -d4s -s bench/rotate.lua "http://127.0.0.1:$port" >/dev/null & loads+=("$!"); done
wait "${loads[@]}"   # not a bare wait: the hosts are children of this shell too
for _ in $(seq 1 120); do grep -q "Background revalidation of .* done" "$WORK/host-5101.log" && break; sleep 1; done
sleep 2
after=$(cat "$WORK"/host-510[123].log | grep -c 'Regenerated /' || true)
echo "$(grep -o 'Background revalidation of .* done.*' "$WORK/host-5101.log" | tail -1)"
echo "regenerations over the three hosts: $(( after - before )) for $((POSTS + 1)) pages"

stop_all
echo "== Stampede: 200 concurrent requests spread over the three hosts on one stale post"
REVALIDATE=1
start_redis
start_host 5101 0 "127.0.0.1:$REDIS_PORT"; start_host 5102 0 "127.0.0.1:$REDIS_PORT"; start_host 5103 1 "127.0.0.1:$REDIS_PORT"
# Published pages carry the publish-time interval (an hour); regenerate /posts/2 now, under a 1 s interval.
curl -s -o /dev/null -X POST -H "Authorization: Bearer $SECRET" "http://127.0.0.1:5101/api/revalidate?path=/posts/2"
sleep 3
before=$(cat "$WORK"/host-510[123].log | grep -c 'Regenerated /posts/2 ' || true)
for i in $(seq 1 200); do echo "http://127.0.0.1:$((5101 + i % 3))/posts/2"; done | xargs -P 200 -n 1 curl -s -o /dev/null -w '%{http_code}\n' | sort | uniq -c | awk '{ printf "stampede: %s answered %s\n", $1, $2 }'
sleep 2
after=$(cat "$WORK"/host-510[123].log | grep -c 'Regenerated /posts/2 ' || true)
echo "stampede: $(( after - before )) regeneration(s) of /posts/2 over the three hosts for 200 requests"

stop_all
echo "== Redis killed under traffic: wrk 10 s on host 5101, redis-server killed at 3 s"
REVALIDATE=2
start_redis
start_host 5101 0 "127.0.0.1:$REDIS_PORT"
# Every post regenerated under a 2 s interval, so the traffic keeps finding stale pages to regenerate.
curl -s -o /dev/null -X POST -H "Authorization: Bearer $SECRET" -H "Content-Type: application/json" -d '{"tags": ["posts"]}' http://127.0.0.1:5101/api/revalidate
(sleep 3; kill -9 "$REDIS_PID") &
POSTS=$POSTS taskset -c 1 wrk -t1 -c50 -d10s --latency -s bench/rotate.lua http://127.0.0.1:5101 > "$WORK/outage.txt"
REDIS_PID=
echo "during the outage: $(rps "$WORK/outage.txt") req/s, p99 $(awk '$1=="99%" {print $2}' "$WORK/outage.txt"), $(grep -Eo 'Non-2xx or 3xx responses: [0-9]+' "$WORK/outage.txt" || echo 'Non-2xx or 3xx responses: 0'), $(grep -Eo 'Socket errors:.*' "$WORK/outage.txt" || echo 'no socket errors')"
