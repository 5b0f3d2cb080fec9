#!/usr/bin/env bash
# Runs the whole benchmark suite once, as docs/benchmarks.md reports it: BenchmarkDotNet with one short custom job,
# then the cold-start, round-trip, scale and peer (JavaScript SDK, when peer-node/node_modules is installed) modes. Usage: benchmarks/run-all.sh [output directory]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-benchmarks/results}"
mkdir -p "$out"
project=benchmarks/Live.Tools.Benchmarks
dotnet build "$project" -c Release -v q -nologo
exe="$project/bin/Release/net10.0/Live.Tools.Benchmarks"

{
  date -u '+%Y-%m-%d %H:%M UTC'
  echo "nproc: $(nproc)"
  grep -m1 'model name' /proc/cpuinfo
  grep -m1 MemTotal /proc/meminfo
  dotnet --version
} | tee "$out/machine.txt"

"$exe" --filter '*' --launchCount 1 --warmupCount 3 --iterationCount 10 --iterationTime 250 \
  --artifacts "$out/bdn" 2>&1 | tee "$out/bdn.log" | grep -E '^\| |^// \*|Run time' || true
"$exe" --cold-start 10 | tee "$out/cold-start.md"
"$exe" --round-trip 20000 | tee "$out/round-trip.md"
"$exe" --scale 1000 3 1000 | tee "$out/scale-one-process.md"
"$exe" --scale 1000 3 1000 --emulator-in-child | tee "$out/scale-emulator-in-child.md"
"$exe" --peer | tee "$out/peer.md"
