#!/usr/bin/env bash
# BenchmarkDotNet micro-benchmarks of the HIT path and the render path.
# Usage: bench/micro.sh [BenchmarkDotNet args], e.g. bench/micro.sh --filter '*HitPath*' --job short (all benchmarks without a filter).
set -euo pipefail
cd "$(dirname "$0")/.."
args=("$@")
case " $* " in
  *" --filter "*|*" -f "*) ;;
  *) args=(--filter '*' "$@") ;;
esac
dotnet run -c Release --project bench/IsrBuild.Bench.Micro -- "${args[@]}"
