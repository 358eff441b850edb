#!/usr/bin/env bash
# vae4j against PyTorch's CPU build on the same model, data (Fashion-MNIST), batch (100), optimiser (Adam 1e-3) and
# epochs, taking turns: vae4j with no setting, then PyTorch at its two thread settings for 2 cores (1 torch thread
# with 2 OpenBLAS threads; 2 torch threads with 1 OpenBLAS thread), for each round. Prints each median (epochs 2 to
# N), the ratio to PyTorch's best, and for the dense model the products-alone bound (ProductBenchmark: the step's
# products timed alone on vae4j's team). Measure on an otherwise idle machine.
# Usage: scripts/compare-pytorch.sh dense|conv [epochs, default 3] [rounds, default 1]
# Installs Debian's python3-torch, libopenblas0-pthread and dataset-fashion-mnist when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-dense}"; epochs="${2:-3}"; rounds="${3:-1}"
case "$model" in dense) conv=() ;; conv) conv=(--conv 32,64) ;; *) echo "model: dense or conv" >&2; exit 2 ;; esac
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
if [ ! -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || ! /usr/bin/python3 -c 'import torch' 2>/dev/null \
    || [ ! -e /usr/lib/x86_64-linux-gnu/openblas-pthread ]; then
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq dataset-fashion-mnist python3-torch libopenblas0-pthread
fi
# Debian's OpenBLAS 0.3.21 does not know the newest AVX-512 CPUs (Sapphire Rapids) and would run SSE3 kernels there
if [ -z "${OPENBLAS_CORETYPE:-}" ] && grep -qw avx512f /proc/cpuinfo; then export OPENBLAS_CORETYPE=SkylakeX; fi
./mvnw -B -q install -DskipTests
cp="$(mktemp)"; log="$(mktemp)"; trap 'rm -f "$cp" "$log"' EXIT
./mvnw -B -q -pl vae-examples dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$cp"
run_java() { java -Xmx4g -Dvae4j.examples.basedir=vae-examples -cp "vae-examples/target/classes:vae-benchmarks/target/classes:$(cat "$cp")" "$@"; }
median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores;" \
  "AVX-512: $(grep -qw avx512f /proc/cpuinfo && echo yes || echo no); OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"
declare -A all
for r in $(seq "$rounds"); do
  run_java io.github.vae4j.examples.TrainingBenchmark --data fashion --epochs "$epochs" --runs 1 --iwae 0 \
    "${conv[@]}" --out "vae-examples/target/compare-$model.csv" 2>&1 | grep -v ' INFO ' | tee "$log" \
    | grep -E 'epoch|backend'
  v="$(sed -n 's/^training: median \([0-9.]*\) examples.*/\1/p' "$log")"; all[vae4j]+="$v "
  echo "round $r, vae4j: $v examples/s"
  for setting in "1 2" "2 1"; do
    set -- $setting
    OPENBLAS_NUM_THREADS="$2" /usr/bin/python3 scripts/pytorch-reference.py --torch-threads "$1" --epochs "$epochs" \
      --flush-denormal ${conv[@]+"${conv[@]}"} | tee "$log"
    v="$(sed -n 's/^epoch \([0-9]*\): *\([0-9.]*\) examples.*/\1 \2/p' "$log" | awk '$1 > 1 {print $2}' | median)"
    all["torch $1/$2"]+="$v "
    echo "round $r, PyTorch ($1 torch, $2 OpenBLAS threads): $v examples/s"
  done
done
echo
vae="$(echo ${all[vae4j]} | tr ' ' '\n' | median)"
best=0
for k in "torch 1/2" "torch 2/1"; do
  m="$(echo ${all[$k]} | tr ' ' '\n' | median)"; echo "PyTorch, $k threads (torch/OpenBLAS): median $m examples/s (${all[$k]% })"
  best="$(awk -v a="$best" -v b="$m" 'BEGIN {print (b > a ? b : a)}')"
done
echo "vae4j: median $vae examples/s (${all[vae4j]% })"
awk -v a="$vae" -v b="$best" 'BEGIN {printf "vae4j / PyTorch at its best setting: %.2f\n", a / b}'
if [ "$model" = dense ]; then
  # the bound: the step's products alone, taking turns with whole public-API steps in one process (the steady
  # measure of vae4j's share of it); the training run above was minutes earlier, on a machine whose speed drifts
  run_java io.github.vae4j.benchmarks.ProductBenchmark 2>&1 | grep -v ' INFO ' | tee "$log" | grep -E 'products alone|step'
  ms="$(sed -n 's/.*matrix products alone, on the team: *median \([0-9.]*\) ms.*/\1/p' "$log")"
  step="$(sed -n 's/^one training step.*median \([0-9.]*\) ms.*/\1/p' "$log")"
  awk -v a="$vae" -v ms="$ms" -v step="$step" 'BEGIN {b = 100000 / ms;
    printf "products-alone bound: %.0f examples/s; vae4j reaches %.0f%% of it taking turns with it (steps of %.2f ms),\n", b, 100 * ms / step, step;
    printf "  and the training run above %.0f%% of it\n", 100 * a / b}'
fi
