#!/usr/bin/env bash
# Publish scaling: `dotnet publish` of the sample at several post counts (the build itself warm, so the figure is
# publish + prerender), then the generator alone as the task runs it, under /usr/bin/time for its peak RSS.
# Usage: bench/publish-scaling.sh [posts...]   (default: 0 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNTS=("${@:-0 1000 10000}")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PROJECT=sample/IsrBuild.Sample
BIN=$PROJECT/bin/Release/net10.0
dotnet build $PROJECT -c Release -nologo -v:q >/dev/null

printf '%8s %12s %14s %16s %14s\n' posts publish_s generator_s generator_rss_MB output_MB
for posts in ${COUNTS[@]}; do
  export ConnectionStrings__Blog="Data Source=$WORK/blog-$posts.db" Blog__SeedPosts=$posts
  # Seed the database outside the measured runs.
  dotnet publish $PROJECT -c Release -o "$WORK/seed" -nologo -v:q -p:IsrBuildMaxParallelism=1 >/dev/null
  rm -rf "$WORK/out" "$PROJECT/obj/Release/net10.0/isr"
  start=$(date +%s.%N)
  dotnet publish $PROJECT -c Release -o "$WORK/out" -nologo -v:q --no-restore >/dev/null
  publish=$(echo "$(date +%s.%N) - $start" | bc)
  (cd $PROJECT && ISRBUILD_GENERATING=1 Logging__LogLevel__Default=Warning /usr/bin/time -v dotnet exec \
      --depsfile bin/Release/net10.0/IsrBuild.Sample.deps.json --runtimeconfig bin/Release/net10.0/IsrBuild.Sample.runtimeconfig.json \
      ../../src/IsrBuild.Generator/bin/Release/net10.0/IsrBuild.Generator.dll --assembly bin/Release/net10.0/IsrBuild.Sample.dll \
      --project-dir . --output "$WORK/gen" --result "$WORK/gen.json" --file-list "$WORK/gen.txt") > "$WORK/time.txt" 2>&1
  seconds=$(grep -o '"seconds": [0-9.]*' "$WORK/gen.json" | awk '{print $2}')
  rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2 / 1024}' "$WORK/time.txt")
  size=$(du -sm "$WORK/out/isr" | awk '{print $1}')
  printf '%8s %12.2f %14s %16s %14s\n' "$posts" "$publish" "$seconds" "$rss" "$size"
  rm -rf "$WORK/gen" "$WORK/seed"
done
