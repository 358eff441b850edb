#!/usr/bin/env bash
# Runs a vae4j Spark example locally (default: SparkShuttle on the bundled Shuttle table, in local[2]), with Spark
# on the class path as spark-submit would provide it and the JVM options Spark 4 needs on Java 17.
# Usage: scripts/spark-shuttle.sh [--class NAME] [program options...]   e.g. --master local[1] --epochs 5
set -euo pipefail
cd "$(dirname "$0")/.."
main=io.github.vae4j.examples.SparkShuttle
if [ "${1:-}" = "--class" ]; then main="io.github.vae4j.examples.$2"; shift 2; fi
./mvnw -q -B install -DskipTests -pl vae-examples -am
cpfile="$(mktemp)"; trap 'rm -f "$cpfile"' EXIT
./mvnw -q -B -pl vae-examples dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile"
opts="$(./mvnw -q -B org.apache.maven.plugins:maven-help-plugin:3.5.1:evaluate -Dexpression=spark.java.options \
  -DforceStdout)"
# shellcheck disable=SC2086
exec java -Xmx4g $opts -Dvae4j.examples.basedir=vae-examples -Dorg.slf4j.simpleLogger.log.org.apache=warn \
  -Dorg.slf4j.simpleLogger.log.org.sparkproject=warn ${VAE4J_JAVA_OPTS:-} -cp "vae-examples/target/classes:$(cat "$cpfile")" \
  "$main" "$@"
