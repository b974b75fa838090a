#!/usr/bin/env bash
# All-reduce bandwidth of seer-worker bench against a plain C MPI_Allreduce (allreduce_bench.c, compiled here with
# mpicc): same sizes, same ranks, same timing rule; the two programs alternate, one launch each per round.
#   allreduce vs c-mpi       one all-reduce of SIZE MiB
#   bucketed  vs c-chunked   64 MiB reduced in SIZE-MiB pieces (ours: BucketedAllReduce over 1,008 gradient-like parts)
# Needs openmpi-bin libopenmpi-dev (build/scripts/install-system-packages.sh). Output: per-round rows and the median
# ratio per row on stdout and in artifacts/bench/allreduce.md.
# With TIMEOUT > 0 seer-worker runs with --timeout-seconds TIMEOUT: arrival notices in front of every collective, as in
# pretraining (collective_timeout_s); results then go to artifacts/bench/allreduce-timeout.md.
# Usage: build/bench/allreduce-baseline.sh [RANKS] [ITERATIONS] [ROUNDS] [TIMEOUT]   (defaults 2, 10, 5, 0)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
ranks="${1:-2}" iterations="${2:-10}" rounds="${3:-5}" timeout="${4:-0}"
suffix=""; (( timeout > 0 )) && suffix="-timeout"
out="$root/artifacts/bench"
mkdir -p "$out"
command -v mpicc >/dev/null || { echo "mpicc not found: run build/scripts/install-system-packages.sh" >&2; exit 2; }
mpicc -O2 -o "$out/allreduce_bench" "$root/build/bench/allreduce_bench.c"
dotnet build "$root/src/Hosts/Worker/Seer.Toolkit.Hosts.Worker.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
worker="$root/src/Hosts/Worker/bin/Release/net10.0/seer-worker"
mpi=(mpirun --allow-run-as-root --oversubscribe -np "$ranks")
raw="$out/allreduce$suffix-raw.txt"
: > "$raw"
for round in $(seq 1 "$rounds"); do
  c() { TERM=dumb "${mpi[@]}" "$out/allreduce_bench" --iterations "$iterations" 1 4 16 64 | awk -v r="$round" '$1 ~ /^c-/ { print r, $1, $2, $5 }'; }
  ours() { TERM=dumb "${mpi[@]}" "$worker" bench --sizes 1 4 16 64 --iterations "$iterations" --timeout-seconds "$timeout" | awk -v r="$round" '$1 == "allreduce" || $1 == "bucketed" { print r, $1, $2, $5 }'; }
  if (( round % 2 )); then c >>"$raw"; ours >>"$raw"; else ours >>"$raw"; c >>"$raw"; fi
  echo "round $round of $rounds done" >&2
done
awk -v ranks="$ranks" -v iterations="$iterations" -v rounds="$rounds" -v timeout="$timeout" "$(cat "$root/build/bench/median.awk")"'
  { gb[$1, $2, $3] = $4 }
  END {
    printf "%d ranks, median of %d timed calls per size and round, %d rounds, seer-worker collective timeout %s s\n\n", ranks, iterations, rounds, timeout
    print "| row | size MiB | C GB/s (median of rounds) | seer-worker GB/s (median of rounds) | ratio per round | median ratio |"
    print "|---|---:|---:|---:|---|---:|"
    split("1 4 16 64", sizes, " ")
    split("allreduce:c-mpi bucketed:c-chunked", pairs, " ")
    for (p = 1; p <= 2; p++) {
      split(pairs[p], v, ":")
      for (s = 1; s <= 4; s++) {
        cs = ""; os = ""; rs = ""
        for (r = 1; r <= rounds; r++) {
          c = gb[r, v[2], sizes[s]]; o = gb[r, v[1], sizes[s]]
          cs = cs " " c; os = os " " o; rs = rs sprintf(" %.2f", o / c)
        }
        printf "| %s vs %s | %d | %.3f | %.3f |%s | %.2f |\n", v[1], v[2], sizes[s], median(cs), median(os), rs, median(rs)
      }
    }
  }' "$raw" | tee "$out/allreduce$suffix.md"
