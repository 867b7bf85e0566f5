#!/usr/bin/env bash
# Regeneration against publish, with the DEFAULT options (only the secret, the database, the cache folder and the log
# level set): the published sample, one host on both cores, no traffic. Per size it reports, in one run:
#   - publish's own rate (its summary line: pages prerendered over its seconds);
#   - a background set of every post with every title changed (tag=posts, answered 202): the done event's pages and
#     time, and its rate against publish's;
#   - the same set again with no data changed.
# Usage: bench/regeneration.sh [posts...]   (default: 20000); KEEP=DIR reuses a publish of the same size in DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3; }
POST_COUNTS=("${@:-20000}")
DONE_WAIT=${DONE_WAIT:-1800}
SECRET=regeneration-bench-secret-of-at-least-32-characters
PORT=5095
source bench/one-host.sh

set_rate() { # label posts → runs a set of tag=posts, prints its done event and rate; sets SET_RATE
  local label=$1 log=$2 done_before code waited=0 line regenerated ms
  done_before=$(grep -c "Background revalidation of .* done" "$log" || true)
  code=$(curl -s -o /dev/null -w "%{http_code}" -X POST -H "Authorization: Bearer $SECRET" "$URL/api/revalidate?tag=posts")
  [[ "$code" == 202 ]] || { echo "$label: the call answered $code, not 202" >&2; return 1; }
  until (( $(grep -c "Background revalidation of .* done" "$log" || true) > done_before )) || (( waited >= DONE_WAIT * 10 )); do
    sleep 0.1; waited=$(( waited + 1 ))
  done
  line=$(grep -o "Background revalidation of .* done.*" "$log" | tail -1)
  regenerated=$(sed -E 's/.* done: ([0-9]+) regenerated.*/\1/' <<<"$line")
  ms=$(sed -E 's/.* in ([0-9]+) ms.*/\1/' <<<"$line")
  SET_RATE=$(awk -v n="$regenerated" -v ms="$ms" 'BEGIN { printf "%.0f", n / (ms / 1000) }')
  printf '%-32s %s\n%-32s %s pages/s\n' "$label:" "$line" "" "$SET_RATE"
}

for posts in ${POST_COUNTS[@]}; do
  out="$WORK/site-$posts"
  echo "== $posts posts"
  if [[ ! -f "$out/isr/isr-pages.db" ]]; then
    # A cold publish: without its previous run's store, publish reuses no encoding (it would skip compressing
    # every page whose HTML it had seen).
    rm -rf "$WORK/blog-$posts.db" sample/IsrBuild.Sample/obj/Release/*/isr
    ConnectionStrings__Blog="Data Source=$WORK/blog-$posts.db" Blog__SeedPosts=$posts Blog__RevalidateSeconds=3600 \
      dotnet publish sample/IsrBuild.Sample -c Release -o "$out" -tl:off -nologo -v:m ${EXTRA_PUBLISH_ARGS:-} > "$WORK/publish-$posts.log"
  fi
  summary=$(grep -o "IsrBuild: prerendered .*" "$WORK/publish-$posts.log" | tail -1)
  pages=$(sed -E 's/IsrBuild: prerendered ([0-9]+) pages.*/\1/' <<<"$summary")
  seconds=$(sed -E 's/.* ([0-9.]+) s\.$/\1/' <<<"$summary")
  publish_rate=$(awk -v n="$pages" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }')
  echo "publish:                         $summary"
  echo "                                 $publish_rate pages/s"

  rm -rf "$WORK/cache-$posts"
  log="$WORK/host-$posts.log"
  (cd "$out" && ConnectionStrings__Blog="Data Source=$WORK/blog-$posts.db" Isr__CacheDirectory="$WORK/cache-$posts" \
     Isr__RevalidateSecret=$SECRET Logging__LogLevel__Default=Warning Logging__LogLevel__IsrBuild=Information \
     exec dotnet IsrBuild.Sample.dll --urls "$URL" > "$log" 2>&1) &
  SERVER=$!
  wait_for "$URL/posts/1"

  sqlite3 "$WORK/blog-$posts.db" "UPDATE posts SET title = title || ' (edited)'"
  set_rate "set, every title changed" "$log"
  changed_rate=$SET_RATE
  set_rate "set, no data changed" "$log"
  unchanged_rate=$SET_RATE
  awk -v c="$changed_rate" -v u="$unchanged_rate" -v p="$publish_rate" \
    'BEGIN { printf "against publish:                 changed %.2fx, unchanged %.2fx\n", c / p, u / p }'
  stop_server
done
