#!/usr/bin/env bash
# Publish scaling: `dotnet publish` of the sample at several post counts (the build itself warm), reporting the
# publish's wall time, the generator's own time (from the publish's summary line), the generator's peak RSS (its
# VmHWM, read from /proc while it runs), and the output's size and file count under isr/.
# Usage: bench/publish-scaling.sh [posts...]   (default: 0 1000 10000 100000)
# EXTRA_PUBLISH_ARGS is added to the measured publish's command line (say, -p:IsrBuildPageTimeoutSeconds=600).
set -euo pipefail
cd "$(dirname "$0")/.."
COUNTS=("${@:-0 1000 10000 100000}")
WORK=$(mktemp -d)
SEED_PID=
trap '[ -n "$SEED_PID" ] && kill "$SEED_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
PROJECT=sample/IsrBuild.Sample
dotnet build $PROJECT -c Release -nologo -v:q >/dev/null

# The generator's peak RSS: poll for its process and keep the last high-water mark it reported.
watch_generator() {
  local peak=0 pid
  while [ ! -f "$WORK/publish.done" ]; do
    for pid in $(ps -eo pid=,args= | awk '/IsrBuild.Generator.dll/ && !/awk/ {print $1}'); do
      hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
      [ "${hwm:-0}" -gt "$peak" ] && peak=$hwm
    done
    sleep 0.2
  done
  echo $(( peak / 1024 ))
}

printf '%8s %12s %14s %16s %12s %10s\n' posts publish_s generator_s generator_rss_MB output_MB isr_files
for posts in ${COUNTS[@]}; do
  export ConnectionStrings__Blog="Data Source=$WORK/blog-$posts.db" Blog__SeedPosts=$posts
  # Seed the database outside the measured run: the built app creates it on its first request.
  (cd $PROJECT/bin/Release/net10.0 && exec dotnet IsrBuild.Sample.dll --urls http://127.0.0.1:5094 >/dev/null 2>&1) &
  SEED_PID=$!
  until curl -s -o /dev/null http://127.0.0.1:5094/; do sleep 0.2; done
  kill "$SEED_PID"; wait "$SEED_PID" 2>/dev/null || true; SEED_PID=

  rm -rf "$WORK/out" "$PROJECT/obj/Release/net10.0/isr" "$WORK/publish.done"
  watch_generator > "$WORK/peak.txt" &
  watcher=$!
  start=$(date +%s.%N)
  # shellcheck disable=SC2086 # the extra arguments are meant to split
  if ! dotnet publish $PROJECT -c Release -o "$WORK/out" -nologo -tl:off -v:n --no-restore ${EXTRA_PUBLISH_ARGS:-} > "$WORK/publish.log" 2>&1; then
    touch "$WORK/publish.done"; wait "$watcher" || true
    echo "publish of $posts posts failed:" >&2; grep -E "error|Error" "$WORK/publish.log" | tail -20 >&2
    exit 1
  fi
  publish=$(echo "$(date +%s.%N) - $start" | bc)
  touch "$WORK/publish.done"; wait "$watcher"
  seconds=$(grep -o 'IsrBuild: prerendered.*' "$WORK/publish.log" | grep -oE '[0-9]+\.[0-9]+ s\.$' | grep -oE '^[0-9.]+')
  size=$(du -sm "$WORK/out/isr" | awk '{print $1}')
  files=$(find "$WORK/out/isr" -type f | wc -l)
  printf '%8s %12.2f %14s %16s %12s %10s\n' "$posts" "$publish" "$seconds" "$(cat "$WORK/peak.txt")" "$size" "$files"
  rm -rf "$WORK/out" "$WORK/blog-$posts.db"
done
