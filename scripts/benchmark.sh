#!/usr/bin/env bash
# Training and inference benchmark of the default model. Usage: scripts/benchmark.sh [mnist|fashion] [epochs] [runs]
# Measure on an otherwise idle machine. Fashion-MNIST comes from Debian's package, installed here if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-fashion}"; epochs="${2:-10}"; runs="${3:-1}"
if [ "$data" = fashion ] && [ ! -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]; then
  echo "installing Fashion-MNIST (Debian package dataset-fashion-mnist)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq dataset-fashion-mnist
fi
./mvnw -B -q install -DskipTests
cd vae-examples
../mvnw -B -q exec:java -Dexec.mainClass=io.github.vae4j.examples.TrainingBenchmark \
  -Dexec.args="--data $data --epochs $epochs --runs $runs --out ../docs/benchmark-$data.csv"
