#!/usr/bin/env bash
# The GPU checks of docs/gpu.md as one script, for a machine with an NVIDIA GPU, a driver for CUDA 11.6 and the CUDA
# 11.6 libraries (or the JavaCPP redist jar in ~/.m2): vae-cuda's tests with ND4J's CUDA engine on the class path,
# then the training benchmark on the GPU (dense at batch 100 and 1,000, convolutional), each printing examples/s.
# Needs ND4J's CUDA jars in ~/.m2 (the first -Dvae4j.cuda.engine=true build downloads 601 MB) and, for the
# benchmarks, Fashion-MNIST (scripts/benchmark.sh installs it). Usage: scripts/gpu-check.sh [epochs]
set -euo pipefail
cd "$(dirname "$0")/.."
epochs="${1:-3}"
out="$(pwd)/${OUT:-target/gpu-check}"; [[ "${OUT:-}" = /* ]] && out="$OUT"
mkdir -p "$out"
nvidia-smi > "$out/nvidia-smi.txt" 2>&1 || echo "gpu-check: nvidia-smi failed (see $out/nvidia-smi.txt)"
./mvnw -B -ntp -o -q -Dvae4j.cuda.engine=true install -DskipTests -pl vae-api,vae-nd4j,vae-cuda,vae-viz,vae-examples
./mvnw -B -ntp -o -Dvae4j.cuda.engine=true -pl vae-cuda test 2>&1 | tee "$out/vae-cuda-tests.txt" \
  | grep -E "Tests run:|GPU:|computes on|FAIL" || true
cp="$out/classpath.txt"
./mvnw -B -ntp -o -q -Dvae4j.cuda.engine=true -pl vae-cuda dependency:build-classpath -Dmdep.outputFile="$cp"
ex="$out/examples-classpath.txt"
./mvnw -B -ntp -o -q -pl vae-examples dependency:build-classpath -Dmdep.outputFile="$ex"
classpath="vae-examples/target/classes:vae-cuda/target/classes:$(cat "$cp"):$(cat "$ex")"
run() { # name, then TrainingBenchmark arguments
  local name="$1"; shift
  java -Dvae4j.device=cuda -cp "$classpath" io.github.vae4j.examples.TrainingBenchmark --data fashion \
    --epochs "$epochs" --iwae 0 --out "$out/$name.csv" "$@" 2>&1 | tee "$out/$name.txt" \
    | grep -E "examples/s|backend:|computes on" || true
}
run dense-batch100 --batch 100
run dense-batch1000 --batch 1000
run conv-batch100 --conv 32,64 --batch 100
echo "gpu-check: outputs in $out"
