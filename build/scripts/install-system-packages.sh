#!/usr/bin/env bash
# Installs the Debian packages the toolkit uses at run time and in tests, when missing:
#   dataset-fashion-mnist (embedded default data), libturbojpeg0 (fast JPEG decoding),
#   openmpi-bin libopenmpi-dev (mpirun, libmpi.so.40 and mpicc for distributed runs, seer-worker and its tests).
# With --bench, also the bench-only libjpeg-turbo-progs (tjbench, the data-path baseline of ./build.sh bench).
# Safe to run repeatedly; without apt-get (or root) it only reports what is missing.
set -euo pipefail
wanted=(dataset-fashion-mnist libturbojpeg0 openmpi-bin libopenmpi-dev)
[ "${1:-}" = "--bench" ] && wanted+=(libjpeg-turbo-progs)
missing=()
for p in "${wanted[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "missing Debian packages: ${missing[*]} (install with: sudo apt-get install ${missing[*]})" >&2
fi
