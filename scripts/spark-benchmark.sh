#!/usr/bin/env bash
# The figures of docs/spark.md: vae4j's Spark stages in local[1] and local[2] (one backend thread per task, as
# spark.task.cpus = 1 gives), and the same training on one machine without Spark (a thread per core), each in its
# own JVM, taking turns. Usage: scripts/spark-benchmark.sh [rounds] [program options...]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-1}"; shift || true
for r in $(seq "$rounds"); do
  echo "== round $r"
  scripts/spark-shuttle.sh --class SparkBenchmark --master 'local[1]' --partitions 2 "$@"
  scripts/spark-shuttle.sh --class SparkBenchmark --master 'local[2]' --partitions 2 "$@"
  scripts/spark-shuttle.sh --class SparkBenchmark --single "$@"
done
