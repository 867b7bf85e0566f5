#!/usr/bin/env bash
# What IsrBuild adds to a request for a page without ISR, as one ratio: the app without IsrBuild against the same app
# with IsrBuild and an endpoint page, alternating batches in one process on one core (bench/IsrBuild.Bench.Micro,
# PassThroughAlternation). Usage: bench/pass-through.sh [rounds] (default 200).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-200}
dotnet build -c Release bench/IsrBuild.Bench.Micro -v:q -nologo -tl:off >/dev/null
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi
"${pin[@]}" dotnet bench/IsrBuild.Bench.Micro/bin/Release/net10.0/IsrBuild.Bench.Micro.dll pass-through-ab "$rounds"
