#!/usr/bin/env bash
# In-the-wild transfer study at CPU scale (SEER, Goyal et al. 2021, §4: pretraining on random uncurated images, then
# transfer). Pretrains the same trunk on (a) an uncurated image collection and (b) the unlabeled images of the
# evaluation set itself (in-domain), then linear-probes every trunk, a random-init trunk and raw pixels on
# Fashion-MNIST and on the 12-class art4apps colour set of Debian's pysiogame package, printing one markdown table.
#
# Usage: build/scripts/wild-transfer-study.sh WILD_IMAGES OUT [FMNIST_TRUNK]
#   WILD_IMAGES   folder of uncurated images (e.g. ../shared/data/fetch-wild-images.sh DIR small → DIR/images)
#   OUT           work folder: runs, features, the colour set and table.md
#   FMNIST_TRUNK  optional checkpoint of a Fashion-MNIST-pretrained trunk (in-domain row for Fashion-MNIST); when
#                 missing it is pretrained here with the same step budget.
# Environment: STEPS (pretraining updates per trunk, default 1500), ARCH (default regnety_mini_wide),
#              RES (colour-set side in pixels, default 32), SEER (the CLI, default ./seer).
set -euo pipefail
wild=${1:?usage: wild-transfer-study.sh WILD_IMAGES OUT [FMNIST_TRUNK]}
out=${2:?usage: wild-transfer-study.sh WILD_IMAGES OUT [FMNIST_TRUNK]}
fmnist_trunk=${3:-}
steps=${STEPS:-1500}
arch=${ARCH:-regnety_mini_wide}
res=${RES:-32}
seer=${SEER:-./seer}
mkdir -p "$out"
out=$(cd "$out" && pwd)

# The colour set: 585 JPEGs in 12 class folders (ImageFolder layout), unpacked from the package without installing it.
colour="$out/art4apps"
if [[ ! -d $colour ]]; then
  tmp="$out/.pysiogame"
  mkdir -p "$tmp"
  (cd "$tmp" && apt-get download pysiogame >/dev/null)
  dpkg -x "$tmp"/pysiogame_*.deb "$tmp/x"
  mv "$tmp/x/usr/share/games/pysiogame/res/images/art4apps" "$colour"
  rm -rf "$tmp"
fi

pretrain() {  # name data side
  local name=$1 data=$2 side=$3
  [[ -e $out/runs/$name/checkpoints/latest ]] && return 0
  "$seer" pretrain --preset tiny --data "$data" --out "$out/runs/$name" --steps "$steps" \
    --set arch="$arch" --set crops.sizes="$side" --set checkpoint_every="$steps" --set log_every=100
}

pretrain wild "$wild" "$res"
pretrain colour "$colour" "$res"
if [[ -z $fmnist_trunk ]]; then
  pretrain fmnist fashion-mnist 28
  fmnist_trunk="$out/runs/fmnist"
fi

# features NAME DATASET SIDE CHECKPOINT: avgpool and res4 (2×2) of every split, extracted once.
features() {
  local name=$1 dataset=$2 side=$3 checkpoint=$4
  [[ -e $out/features/$name/manifest.json ]] && return 0
  "$seer" extract --checkpoint "$checkpoint" --dataset "$dataset" --resolution "$side" --layers avgpool,res4 \
    --out "$out/features/$name" >/dev/null
}

top1() { sed -n 's/.*"top1": *\([0-9.]*\).*/\1/p'; }

# probe NAME LAYER [--bn] → top-1 of the linear probe on cached features
probe() {
  local name=$1 layer=$2; shift 2
  "$seer" eval linear --features "$out/features/$name" --layer "$layer" "$@" --json | top1
}

row() {  # label colour-checkpoint fmnist-checkpoint
  local label=$1 key=$2 c=$3 f=$4
  features "colour-$key" "$colour" "$res" "$c"
  features "fmnist-$key" fashion-mnist 28 "$f"
  echo "| $label | $(probe "colour-$key" avgpool) | $(probe "colour-$key" res4 --bn) | $(probe "fmnist-$key" avgpool) | $(probe "fmnist-$key" res4 --bn) |"
}

pixels() {  # dataset side
  "$seer" eval linear --dataset "$1" --resolution "$2" --checkpoint pixels --json | top1
}

{
  echo "| trunk ($arch, $steps updates of 128) | colour set avgpool | colour set res4 + BN | Fashion-MNIST avgpool | Fashion-MNIST res4 + BN |"
  echo "|---|---:|---:|---:|---:|"
  row "pretrained on the uncurated collection" wild "$out/runs/wild" "$out/runs/wild"
  row "pretrained in-domain (the evaluation set's own images)" indomain "$out/runs/colour" "$fmnist_trunk"
  row "random init" random "random:$arch" "random:$arch"
  echo "| raw pixels | $(pixels "$colour" "$res") | — | $(pixels fashion-mnist 28) | — |"
} | tee "$out/table.md"
