#!/usr/bin/env bash
# Trains the default model from a CSV file several times larger than the JVM's heap (see CsvTraining).
# Usage: scripts/csv-larger-than-heap.sh [heap] [CsvTraining options...]
# e.g.   scripts/csv-larger-than-heap.sh 128m --rows 200000 --epochs 3
# The file (vae-examples/target/vae4j-csv/digits.csv, about 450 MB for 200,000 rows) is written on the first run
# from the bundled MNIST sample. Prints heap and resident memory after every epoch.
set -euo pipefail
cd "$(dirname "$0")/.."
heap="${1:-128m}"
./mvnw -B -q install -DskipTests
cp_file="$(mktemp)"; trap 'rm -f "$cp_file"' EXIT
./mvnw -B -q -pl vae-examples dependency:build-classpath -Dmdep.outputFile="$cp_file"
exec java -Xmx"$heap" -cp "vae-examples/target/classes:$(cat "$cp_file")" io.github.vae4j.examples.CsvTraining \
  --file vae-examples/target/vae4j-csv/digits.csv "${@:2}"
