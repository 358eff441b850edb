#!/usr/bin/env bash
# Checks what a Maven Central release needs, without keys, and that the build's guards hold:
#  1. ./mvnw -Prelease -Dgpg.skip verify builds, for every published module, the main, sources and Javadoc jars
#     (the Javadoc with doclint on and warnings as errors);
#  2. the published jars hold no test or example classes, and vae-api depends on nothing native;
#  3. every published POM (parent and BOM included) has the metadata Central requires, and the BOM lists every
#     published module;
#  4. the enforcer fails the build when one of its rules is broken on purpose (in a copy of the tree).
# Run by .ci/run after the tests. Usage: scripts/check-release.sh [--skip-build]
# (pipes into grep use grep -c, not -q: -q stops reading, and under pipefail the writer's SIGPIPE fails the check)
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "check-release: FAILED: $*" >&2; exit 1; }
mvn_q() { ./mvnw -B -ntp -q "$@"; }

published=(vae-api vae-nd4j vae-cuda vae-viz vae-spark)
version="$(mvn_q org.apache.maven.plugins:maven-help-plugin:3.5.1:evaluate -Dexpression=project.version -DforceStdout 2>/dev/null || true)"
[ -n "$version" ] || version="$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml)"

if [ "${1:-}" != "--skip-build" ]; then
  echo "check-release: ./mvnw -Prelease -Dgpg.skip verify (tests skipped: .ci/run has run them)"
  mvn_q -Prelease -Dgpg.skip -DskipTests verify
fi

for m in "${published[@]}"; do
  for kind in "" -sources -javadoc; do
    f="$m/target/$m-$version$kind.jar"
    [ -s "$f" ] || fail "missing $f"
  done
  if jar tf "$m/target/$m-$version.jar" | grep -E '(Test|Tests|IT)\.class$|/examples/|MeanBackend'; then
    fail "$m-$version.jar holds test or example classes"
  fi
  jar tf "$m/target/$m-$version-javadoc.jar" | grep -c 'index.html' > /dev/null \
    || fail "$m's Javadoc jar has no index.html"
done
jar tf vae-api/target/vae-api-"$version".jar | grep -cx 'module-info.class' > /dev/null \
  || fail "vae-api has no module-info"
manifests="$(mktemp -d)"
for m in vae-nd4j vae-viz vae-spark; do
  (cd "$manifests" && rm -rf META-INF && jar xf "$OLDPWD/$m/target/$m-$version.jar" META-INF/MANIFEST.MF)
  grep -c 'Automatic-Module-Name: io.github.vae4j' "$manifests/META-INF/MANIFEST.MF" > /dev/null \
    || fail "$m has no Automatic-Module-Name"
done
rm -rf "$manifests"

deps="$(mktemp)"; trap 'rm -f "$deps"' EXIT
mvn_q -pl vae-api dependency:list -DoutputFile="$deps" -DincludeScope=runtime
if grep -Ei 'org\.nd4j|org\.bytedeco|deeplearning4j' "$deps"; then fail "vae-api depends on native code"; fi
mvn_q -pl vae-spark dependency:list -DoutputFile="$deps" -DincludeScope=runtime
if grep -E 'org\.apache\.(spark|hadoop)|org\.scala-lang' "$deps"; then
  fail "vae-spark brings Spark, Hadoop or Scala to a host's runtime; they must stay provided"
fi
# the examples run (exec:java) on their runtime class path: Spark's provided dependency must not claim a library
# the backend or the pictures need there (Maven gives a library its nearest path's scope)
needed="$(mktemp)"; have="$(mktemp)"
for m in vae-nd4j vae-viz; do
  mvn_q -pl "$m" dependency:list -DoutputFile="$deps" -DincludeScope=runtime
  grep -oE '[A-Za-z0-9._-]+:[A-Za-z0-9._-]+:jar' "$deps" >> "$needed"
done
mvn_q -pl vae-examples dependency:list -DoutputFile="$deps" -DincludeScope=runtime
grep -oE '[A-Za-z0-9._-]+:[A-Za-z0-9._-]+:jar' "$deps" | sort -u > "$have"
missing="$(sort -u "$needed" | comm -23 - "$have")"
rm -f "$needed" "$have"
[ -z "$missing" ] || fail "the examples' runtime class path lacks what the backend needs: $missing"

for pom in pom.xml vae-bom/pom.xml; do
  for tag in '<name>' '<description>' '<url>' '<licenses>' '<developers>' '<scm[ >]' '<connection>'; do
    grep -Eq "$tag" "$pom" || fail "$pom has no $tag"
  done
done
for m in "${published[@]}"; do
  for tag in '<name>' '<description>'; do
    grep -q "$tag" "$m/pom.xml" || fail "$m/pom.xml has no $tag"
  done
  grep -q "<artifactId>$m</artifactId>" vae-bom/pom.xml || fail "the BOM does not list $m"
done
for m in vae-examples vae-benchmarks vae-testkit; do
  grep -q "<artifact>$m</artifact>" pom.xml || fail "$m is not excluded from publishing"
done

# the guards, broken on purpose in a copy of the tree
work="$(mktemp -d)"; trap 'rm -f "$deps"; rm -rf "$work"' EXIT
mkdir -p "$work/tree" && tar --exclude=./.git --exclude=target -cf - . | tar -xf - -C "$work/tree"
expect_failure() { # name, message expected in the output, then the Maven arguments
  local name="$1" message="$2"; shift 2
  if (cd "$work/tree" && ./mvnw -B -ntp "$@" > "$work/out.txt" 2>&1); then
    fail "the build passed with $name"
  fi
  grep -q "$message" "$work/out.txt" || { cat "$work/out.txt" >&2; fail "the build failed with $name, but not by its rule"; }
  echo "check-release: the enforcer rejects $name"
}
cp "$work/tree/vae-api/pom.xml" "$work/api-pom.xml"
sed -i 's#<dependencies>#<dependencies><dependency><groupId>org.nd4j</groupId><artifactId>nd4j-api</artifactId><version>1.0.0-M2.1</version></dependency>#' \
  "$work/tree/vae-api/pom.xml"
expect_failure "ND4J in vae-api" "vae-api must not depend on ND4J" -pl vae-api validate
cp "$work/api-pom.xml" "$work/tree/vae-api/pom.xml"
cp "$work/tree/vae-nd4j/pom.xml" "$work/nd4j-pom.xml"
sed -i 's#<dependencies>#<dependencies><dependency><groupId>org.nd4j</groupId><artifactId>nd4j-native-platform</artifactId><version>1.0.0-M2.1</version></dependency>#' \
  "$work/tree/vae-nd4j/pom.xml"
expect_failure "ND4J's -platform artefact" "no -platform artefacts" -pl vae-api,vae-nd4j validate
cp "$work/nd4j-pom.xml" "$work/tree/vae-nd4j/pom.xml"
awk '/<artifactId>maven-jar-plugin<\/artifactId>/ { print; getline; if ($0 ~ /<version>/) next } { print }' \
  "$work/tree/pom.xml" > "$work/pom.xml" && mv "$work/pom.xml" "$work/tree/pom.xml"
expect_failure "an unpinned plugin" "pin every plugin" -pl vae-api validate
echo "check-release: all checks passed for $version"
