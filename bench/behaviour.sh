#!/usr/bin/env bash
# Latencies a visitor or a CMS sees: the median of 20 on-demand revalidate calls for one post, and the first
# (blocking) render of a post added after publish, once the templates are compiled. Usage: bench/behaviour.sh
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
SITE_PID=
trap '[ -n "$SITE_PID" ] && kill "$SITE_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
SECRET=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
export ConnectionStrings__Blog="Data Source=$WORK/blog.db" Blog__RevalidateSeconds=1

dotnet publish sample/IsrBuild.Sample -c Release -o "$WORK/site" -tl:off -nologo -v:q >/dev/null
(cd "$WORK/site" && Isr__RevalidateSecret=$SECRET Isr__CacheDirectory="$WORK/cache" Logging__LogLevel__Default=Warning \
   Logging__LogLevel__IsrBuild=Debug Logging__Console__FormatterName=simple \
   exec taskset -c 0 dotnet IsrBuild.Sample.dll --urls http://127.0.0.1:5092 > "$WORK/host.log" 2>&1) &
SITE_PID=$!
for _ in $(seq 1 200); do curl -sf -o /dev/null http://127.0.0.1:5092/posts/1 && break; sleep 0.1; done
sleep 3 # the templates compile in the background at startup

# Stampede: /posts/2 is stale (its interval is 1 s); 200 requests arrive at once.
sleep 2
seq 1 200 | xargs -P 200 -I{} curl -s --retry 3 --retry-connrefused -o /dev/null -w '%{http_code}\n' http://127.0.0.1:5092/posts/2 | sort | uniq -c | awk '{ printf "stampede: %s answered %s\n", $1, $2 }'
for _ in $(seq 1 50); do grep -q 'Regenerated /posts/2 ' "$WORK/host.log" && break; sleep 0.1; done
sleep 1
echo "stampede: $(grep -c 'Regenerated /posts/2 ' "$WORK/host.log" || true) regeneration(s) of /posts/2 for 200 concurrent requests"

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for _ in $(seq 1 20); do
  curl -s -o /dev/null -w '%{time_total}\n' -X POST -H "Authorization: Bearer $SECRET" "http://127.0.0.1:5092/api/revalidate?path=/posts/1"
done | awk '{ printf "%.2f\n", $1 * 1000 }' > "$WORK/revalidate.txt"
echo "on-demand revalidate of /posts/1, 20 calls: median $(median < "$WORK/revalidate.txt") ms (min $(sort -n "$WORK/revalidate.txt" | head -1), max $(sort -n "$WORK/revalidate.txt" | tail -1))"

for id in $(seq 101 120); do
  sqlite_insert="INSERT INTO posts (id, title, body) VALUES ($id, 'Post $id', 'Added after publish.');"
  python3 - "$WORK/blog.db" "$sqlite_insert" <<'PY'
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1]); connection.execute(sys.argv[2]); connection.commit()
PY
  curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:5092/posts/$id"
done | awk '{ printf "%.2f\n", $1 * 1000 }' > "$WORK/blocking.txt"
echo "first blocking render of a post added after publish, 20 posts: median $(median < "$WORK/blocking.txt") ms"
