#!/usr/bin/env bash
# Revalidation at scale with the DEFAULT options (only the secret, the database, the cache folder and the log level
# set), one host: the published sample. Per size it reports, all in one run:
#   - from bench/regeneration.sh (host on both cores, no traffic): publish's own rate, a background set of every post
#     with every title changed and one with no data changed, each against publish's rate;
# then, with the server pinned to CPU 0 and wrk to CPU 1:
#   - HIT throughput before anything was invalidated (rotating over every post, median of 3 rounds of 5 s);
#   - mode stale over every post (tag=posts): answer time, size and status;
#   - the default mode over every post (tag=posts), every title changed again first: answer time, size and status
#     (202 past Isr:MaxRevalidateNowPages), then the background regeneration's rate (regenerated rows counted in the
#     cache's SQLite file over 20 s) and the HIT throughput while it runs, against the HIT throughput before;
#   - HIT throughput after the background set is done (bounded by DONE_WAIT seconds, default 600), with the
#     invalidations still held;
#   - mode expire over every post (path=/posts/*): answer time, size and status.
# Usage: bench/revalidation.sh [posts...]   (default: 999 10000 100000 1000000; at 999 posts tag=posts names 1,000
#        pages, Isr:MaxRevalidateNowPages, so mode now regenerates them all before it answers)
#        EXTRA_PUBLISH_ARGS is added to the publish (1,000,000 posts needs -p:IsrBuildPageTimeoutSeconds=900, see
#        bench/RESULTS.md "Publish scaling"); KEEP=DIR reuses a publish of the same size in DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3; }
POST_COUNTS=("${@:-999 10000 100000 1000000}")
DONE_WAIT=${DONE_WAIT:-600}
SECRET=revalidation-bench-secret-of-at-least-32-characters
PORT=5094
source bench/one-host.sh

hit_rps() { # posts rounds seconds
  local posts=$1 rounds=$2 seconds=$3 all=()
  for _ in $(seq 1 "$rounds"); do
    all+=("$(POSTS=$posts taskset -c 1 wrk -t1 -c50 -d"${seconds}"s -s bench/rotate.lua "$URL" | awk '/Requests\/sec/ {print $2}')")
  done
  printf '%s\n' "${all[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

revalidate() { # label query → "label: status, seconds, bytes"
  local out="$WORK/answer.json" code seconds bytes
  read -r code seconds bytes < <(curl -s -o "$out" -w "%{http_code} %{time_total} %{size_download}\n" -X POST -H "Authorization: Bearer $SECRET" "$URL/api/revalidate?$2")
  printf '%-24s status %s   answered in %6.3f s   %6s bytes   %s\n' "$1" "$code" "$seconds" "$bytes" "$(head -c 300 "$out")"
}

regenerated_rows() { # rows the host wrote since publish, in every build folder of its cache
  local total=0
  for db in "$WORK"/cache-"$1"/*/pages.db; do
    [[ -f "$db" ]] || continue
    total=$(( total + $(sqlite3 "file:$db?mode=ro" "SELECT count(*) FROM pages WHERE generated_at >= $2" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}

for posts in ${POST_COUNTS[@]}; do
  out="$WORK/site-$posts"
  if (( posts + 1 > 1000 )); then
    KEEP="$WORK" bash bench/regeneration.sh "$posts"
  else
    echo "== $posts posts"
  fi
  if [[ ! -f "$out/isr/isr-pages.db" ]]; then
    ConnectionStrings__Blog="Data Source=$WORK/blog-$posts.db" Blog__SeedPosts=$posts Blog__RevalidateSeconds=3600 \
      dotnet publish sample/IsrBuild.Sample -c Release -o "$out" -tl:off -nologo -v:q ${EXTRA_PUBLISH_ARGS:-} >/dev/null
  fi
  rm -rf "$WORK/cache-$posts"
  (cd "$out" && ConnectionStrings__Blog="Data Source=$WORK/blog-$posts.db" Isr__CacheDirectory="$WORK/cache-$posts" \
     Isr__RevalidateSecret=$SECRET Logging__LogLevel__Default=Warning Logging__LogLevel__IsrBuild=Information \
     exec taskset -c 0 dotnet IsrBuild.Sample.dll --urls "$URL" > "$WORK/host-$posts.log" 2>&1) &
  SERVER=$!
  wait_for "$URL/posts/1"
  # 30 s of warm-up: every page seen, and the JIT's tiers done (see serving.sh).
  POSTS=$posts taskset -c 1 wrk -t1 -c50 -d30s -s bench/rotate.lua "$URL" >/dev/null
  before_rps=$(hit_rps "$posts" 3 5)
  echo "HIT before:                $before_rps req/s"

  # The first call of a host pays for compiling the route's code; the second is the steady cost.
  revalidate "stale tag=posts (first)" "tag=posts&mode=stale"
  revalidate "stale tag=posts (again)" "tag=posts&mode=stale"

  sqlite3 "$WORK/blog-$posts.db" "UPDATE posts SET title = title || ' (edited again)'"
  since=$(( $(date +%s%3N) ))
  revalidate "now tag=posts" "tag=posts"
  if (( posts + 1 <= 1000 )); then
    # Within Isr:MaxRevalidateNowPages: the call regenerated every page before it answered.
    revalidate "expire path=/posts/*" "path=/posts/*&mode=expire"
    stop_server
    continue
  fi
  before=$(regenerated_rows "$posts" "$since")
  while_rps=$(hit_rps "$posts" 1 5)
  sleep 15
  after=$(regenerated_rows "$posts" "$since")
  echo "background regeneration:   $(( (after - before) / 20 )) pages/s over 20 s (HIT and STALE answers while it ran: $while_rps req/s)"
  awk -v w="$while_rps" -v b="$before_rps" 'BEGIN { printf "HITs during the set:       %.2fx of before\n", w / b }'

  waited=0
  until grep -q "Background revalidation of .* done" "$WORK/host-$posts.log" || (( waited >= DONE_WAIT )); do sleep 5; waited=$(( waited + 5 )); done
  if grep -q "Background revalidation of .* done" "$WORK/host-$posts.log"; then
    echo "background set done:        $(grep -o 'Background revalidation of .* done.*' "$WORK/host-$posts.log" | tail -1)"
    POSTS=$posts taskset -c 1 wrk -t1 -c50 -d5s -s bench/rotate.lua "$URL" >/dev/null
    echo "HIT after (invalidations held): $(hit_rps "$posts" 3 5) req/s"
  else
    echo "background set not done after ${DONE_WAIT} s ($(regenerated_rows "$posts" "$since") of $posts regenerated); HIT after not measured"
  fi

  revalidate "expire path=/posts/*" "path=/posts/*&mode=expire"
  stop_server
done
