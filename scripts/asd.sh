#!/usr/bin/env bash
# The ASD telemetry benchmark: TelemetryAnomalies on all 12 bundled servers for each seed, then the means over the
# servers and seeds (scripts/asd-summary.py) and the PCA baseline by the same protocol (scripts/asd-pca-baseline.py).
# Usage: scripts/asd.sh [--seeds 1,2,3] [--window 10] [other TelemetryAnomalies options]
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=1,2,3
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seeds) seeds="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
out=target/asd
mkdir -p "$out"
if [[ "${ASD_NO_BUILD:-0}" != 1 ]]; then
  ./mvnw -q install -DskipTests
fi
files=()
for seed in ${seeds//,/ }; do
  ./mvnw -q -pl vae-examples exec:java -Dexec.mainClass=io.github.vae4j.examples.TelemetryAnomalies \
      -Dexec.args="--servers 1,2,3,4,5,6,7,8,9,10,11,12 --seed $seed --out $PWD/$out/seed-$seed --tsv $PWD/$out/seed-$seed.tsv ${args[*]:-}"
  files+=("$out/seed-$seed.tsv")
done
python3=/usr/bin/python3
"$python3" scripts/asd-summary.py "${files[@]}"
if "$python3" -c 'import sklearn' 2>/dev/null || (command -v apt-get >/dev/null && sudo -n apt-get install -y -q python3-sklearn >/dev/null 2>&1); then
  echo; echo "PCA baseline (90% of the variance, the same evaluation):"
  "$python3" scripts/asd-pca-baseline.py data/asd | grep -E "^(server|mean)"
fi
