#!/usr/bin/env bash
# Training throughput of data parallelism on one machine: `seer pretrain --ranks 2` (two seer-worker ranks under mpirun,
# one libtorch thread each) against `--ranks 1` (one process, one thread per core), same recipe, same global batch,
# alternating which goes first. Throughput = median of the img/s records in metrics.jsonl after the first two (warm-up);
# ratio = 2 ranks / 1 rank in the same round. Also reports rank 0's share of time in gradient averaging.
# Output: per-round rows and the median ratio on stdout and in artifacts/bench/ddp.md.
# Short runs and many rounds keep each pair of runs close in time (on a shared VM the speed drifts over minutes).
# Usage: build/bench/ddp-throughput.sh [STEPS] [ROUNDS] [PRESET] [DATA] [SEER ARGS...]   (defaults 60, 8, tiny, fashion-mnist)
# SEER ARGS go to both runs, e.g. `--set sync_bn_group_size=1` (per-rank batch norm; a no-op on one rank).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
steps="${1:-60}" rounds="${2:-8}" preset="${3:-tiny}" data="${4:-fashion-mnist}"
extra=("${@:5}")
out="$root/artifacts/bench"
mkdir -p "$out"
dotnet build "$root/src/Hosts/Console/Seer.Toolkit.Hosts.Console.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
seer="$root/src/Hosts/Console/bin/Release/net10.0/seer"
runs="$(mktemp -d)"
trap 'rm -rf "$runs"' EXIT
raw="$out/ddp-raw.txt"
: > "$raw"
run() {   # run ROUND RANKS: appends "round ranks img_per_s allreduce_share"
  local dir="$runs/r$1-n$2"
  "$seer" pretrain --preset "$preset" --data "$data" --out "$dir" --steps "$steps" --ranks "$2" \
    --set log_every=10 --set checkpoint_every=1000000 --set warmup_steps=$((steps / 10)) "${extra[@]}" >"$dir.log" 2>&1 || { cat "$dir.log" >&2; exit 1; }
  awk -v r="$1" -v n="$2" -F'[,:}]' '
    { for (i = 1; i < NF; i++) { k = $i; gsub(/[ "{]/, "", k); v[k] = $(i + 1) + 0 }
      if (++records > 2 && v["step"] > 0) { rates[++m] = v["img_per_s"]; sync += v["grad_allreduce_s"]; span += v["elapsed_s"] - last }
      last = v["elapsed_s"] }
    END { for (i = 2; i <= m; i++) for (j = i; j > 1 && rates[j - 1] > rates[j]; j--) { t = rates[j]; rates[j] = rates[j - 1]; rates[j - 1] = t }
          med = m % 2 ? rates[(m + 1) / 2] : (rates[m / 2] + rates[m / 2 + 1]) / 2
          printf "%d %d %.2f %.4f\n", r, n, med, (span > 0 ? sync / span : 0) }' "$dir/metrics.jsonl" >>"$raw"
  rm -rf "$dir"
}
for round in $(seq 1 "$rounds"); do
  if (( round % 2 )); then run "$round" 2; run "$round" 1; else run "$round" 1; run "$round" 2; fi
  echo "round $round of $rounds done" >&2
done
awk -v steps="$steps" -v preset="$preset" -v data="$data" -v rounds="$rounds" -v extra="${extra[*]:+, }${extra[*]}" "$(cat "$root/build/bench/median.awk")"'
  { rate[$1, $2] = $3; share[$1, $2] = $4 }
  END {
    printf "preset %s, %s, %d updates per run, %d rounds%s\n\n", preset, data, steps, rounds, extra
    print "| round | 1 rank × 2 threads img/s | 2 ranks × 1 thread img/s | ratio | 2 ranks: share of time in gradient averaging |"
    print "|---:|---:|---:|---:|---:|"
    for (r = 1; r <= rounds; r++) {
      ratio = rate[r, 2] / rate[r, 1]; ratios = ratios " " ratio
      printf "| %d | %.1f | %.1f | %.3f | %.1f %% |\n", r, rate[r, 1], rate[r, 2], ratio, 100 * share[r, 2]
    }
    printf "\nmedian ratio (2 ranks / 1 rank): %.3f\n", median(ratios)
  }' "$raw" | tee "$out/ddp.md"
