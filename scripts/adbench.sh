#!/usr/bin/env bash
# Anomaly detection on the ADBench tables (semi-supervised protocol of DTE, see the datasets README): splits each
# table per seed with the datasets' split.py into OUT/splits, scores Isolation Forest and 5-nearest-neighbour distance
# with scikit-learn into OUT/baselines.tsv (scripts/adbench-baselines.py), trains and scores vae4j on the same splits
# into OUT/vae4j.tsv (TableAnomalies in vae-examples), then prints the mean AUROC over seeds per table and method
# (scripts/adbench-summary.py) and writes it to OUT/summary.md.
# Usage: scripts/adbench.sh [--seeds 0,1,2] [--tables all|name,name] [--out DIR] [--baselines-only]
#   table names as in the data folder (2_annthyroid) or without their number (annthyroid); data from $ADBENCH_DATA
#   (default ../shared/datasets/adbench beside the project); ADBENCH_NO_BUILD=1 skips building vae-examples.
# Installs Debian's python3-sklearn when /usr/bin/python3 cannot import sklearn.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=0,1,2; tables=all; out=target/adbench; baselines_only=0
data="${ADBENCH_DATA:-../shared/datasets/adbench}"
while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) seeds="$2"; shift 2 ;;
    --tables) tables="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --baselines-only) baselines_only=1; shift ;;
    *) sed -n "s/^# Usage: /usage: /p" "$0" >&2; exit 2 ;;
  esac
done
# resolve table names to the data files' stems, in their numbered order
all="$(cd "$data" && ls *.csv.gz | sed 's/\.csv\.gz$//' | sort -n)"
if [ "$tables" = all ]; then
  names=($all)
else
  names=()
  for t in ${tables//,/ }; do
    n="$(grep -xE "$t|[0-9]+_$t" <<< "$all" || true)"
    [ -n "$n" ] || { echo "no table $t in $data" >&2; exit 2; }
    names+=("$n")
  done
fi
tables="$(IFS=,; echo "${names[*]}")"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
if ! /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq python3-sklearn
fi
mkdir -p "$out"; out="$(cd "$out" && pwd)"  # absolute, for the vae4j side whatever its working folder
for s in ${seeds//,/ }; do
  /usr/bin/python3 "$data/split.py" "$out/splits" "$s" "${names[@]}" > /dev/null
done
start=$SECONDS
/usr/bin/python3 scripts/adbench-baselines.py "$out/splits" --seeds "$seeds" --tables "$tables" \
  --out "$out/baselines.tsv"
echo "baselines: $((SECONDS - start)) s" >&2
tsvs=("$out/baselines.tsv")
if [ "$baselines_only" = 0 ]; then
  [ "${ADBENCH_NO_BUILD:-0}" = 1 ] || ./mvnw -q -DskipTests install -pl vae-examples -am
  ./mvnw -q -pl vae-examples exec:java -Dexec.mainClass=io.github.vae4j.examples.TableAnomalies -Dexec.args="--splits $out/splits --seeds $seeds --tables $tables --tsv $out/vae4j.tsv"
  tsvs+=("$out/vae4j.tsv")
fi
/usr/bin/python3 scripts/adbench-summary.py "${tsvs[@]}" | tee "$out/summary.md"
