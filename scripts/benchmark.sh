#!/usr/bin/env bash
# Training and inference benchmark of the default model, or of another with extra options.
# Usage: scripts/benchmark.sh [mnist|fashion] [epochs] [runs] [TrainingBenchmark options...]
# e.g.   scripts/benchmark.sh fashion 10 1 --conv 32,64 --iwae 0   (the convolutional model, into benchmark-fashion-conv)
# Measure on an otherwise idle machine. Fashion-MNIST comes from Debian's package, installed here if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-fashion}"; epochs="${2:-10}"; runs="${3:-1}"
extra="${*:4}"; name="$data"
case " $extra " in *" --conv "*) name="$data-conv" ;; esac
if [ "$data" = fashion ] && [ ! -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]; then
  echo "installing Fashion-MNIST (Debian package dataset-fashion-mnist)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq dataset-fashion-mnist
fi
./mvnw -B -q install -DskipTests
cd vae-examples
../mvnw -B -q exec:java -Dexec.mainClass=io.github.vae4j.examples.TrainingBenchmark \
  -Dexec.args="--data $data --epochs $epochs --runs $runs --out ../docs/benchmark-$name.csv $extra"
