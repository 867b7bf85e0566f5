#!/usr/bin/env bash
# BenchmarkDotNet micro-benchmarks of the HIT path and the render path. Usage: bench/micro.sh [BenchmarkDotNet args]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/IsrBuild.Bench.Micro -- --filter '*' "$@"
