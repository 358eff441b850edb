#!/usr/bin/env bash
# Training speed of two commits of vae4j, taking turns in one JVM (see compare-builds/CompareBuilds.java).
# Usage: scripts/compare-builds.sh COMMIT_A COMMIT_B [rounds] [steps per turn]
# e.g.   scripts/compare-builds.sh e0078f2 HEAD 60 10
# Needs Fashion-MNIST (scripts/benchmark.sh installs it) and an otherwise idle machine. Builds each commit's
# vae-api and vae-nd4j in a temporary worktree; nothing is installed into ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/.."
a="$1"; b="$2"; rounds="${3:-60}"; steps="${4:-10}"
work="$(mktemp -d)"; trap 'git worktree remove --force "$work/a" 2>/dev/null; git worktree remove --force "$work/b" 2>/dev/null; rm -rf "$work"' EXIT
for side in a b; do
  commit="${!side}"
  git worktree add -q --detach "$work/$side" "$commit"
  # packages, then lists the dependencies (both modules write the file; vae-nd4j, the last, has them all)
  (cd "$work/$side" && ./mvnw -B -q -pl vae-nd4j -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile="$work/cp-$side.txt")
  mkdir -p "$work/jars-$side"
  cp "$work/$side"/vae-api/target/vae-api-*.jar "$work/$side"/vae-nd4j/target/vae-nd4j-*.jar "$work/jars-$side/"
done
# ND4J and the other dependencies, shared by both builds (B's), without vae4j's own classes
deps="$(tr ':' '\n' < "$work/cp-b.txt" | grep -v 'vae4j\|/vae-api/' | paste -sd:)"
mkdir -p "$work/driver" "$work/main"
javac -nowarn -d "$work/driver" -cp "$deps:$(ls "$work"/jars-b/*.jar | paste -sd:)" scripts/compare-builds/StepDriver.java
javac -d "$work/main" scripts/compare-builds/CompareBuilds.java
java -Xmx6g -cp "$deps:$work/main" CompareBuilds "$work/driver" "$work/jars-a" "$work/jars-b" "$rounds" "$steps" "A $a" "B $b" \
  2>&1 | grep -v ' INFO '
