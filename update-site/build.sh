#!/usr/bin/env bash
# Builds the DeepCLEM p2 update site from a fresh clone:   update-site/build.sh [-o] [extra mvn args]
#   -o   offline (everything already in ~/.m2; a first run needs Maven Central)
# Result: update-site/target/repository (p2 repository folder) and update-site/target/org.knime.deepclem.update-site-*.zip
# It (1) regenerates the stand-in OSGi facades, (2) runs the Tycho reactor p2.xml with the system Maven (3.8.x or
# 3.9.x; Tycho 3.0.5), (3) checks the result: embedded jars == Bundle-ClassPath, and update-site/CheckRepository.java
# (units, platform fragments, p2 filters, unused jars).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn_args=(-B -f p2.xml)
if [ "${1:-}" = "-o" ]; then mvn_args+=(-o); shift; fi
start=$(date +%s)

knime-api-stand-in/osgi/generate.sh
mvn "${mvn_args[@]}" "$@" clean verify

fail() { echo "build.sh: $*" >&2; exit 1; }

# (a) every embedded jar is on Bundle-ClassPath and every Bundle-ClassPath jar was embedded
manifest_jars=$(tr -d '\r' < org.knime.deepclem/META-INF/MANIFEST.MF | sed -n '/^Bundle-ClassPath:/,/^[^ ]/p' \
  | sed 's/^Bundle-ClassPath://' | grep -o 'lib/[^, ]*\.jar' | sort)
lib_jars=$(cd org.knime.deepclem && ls lib/*.jar | sort)
if [ "$manifest_jars" != "$lib_jars" ]; then
  diff <(echo "$manifest_jars") <(echo "$lib_jars") >&2 || true
  fail "org.knime.deepclem/META-INF/MANIFEST.MF Bundle-ClassPath differs from the jars copied to lib/ (< manifest, > lib); update the manifest"
fi

# (b) the repository as KNIME sees it: our units only, four native fragments with the right platform filters (in the
# manifests and in the p2 metadata), each with its own natives only, and no embedded jar our classes never reach
repo=update-site/target/repository
java update-site/CheckRepository.java "$repo" || fail "the built repository failed its check (lines above)"
plugins=$(cd "$repo/plugins" && ls)
features=$(cd "$repo/features" && ls)

echo "update site: $root/$repo"
echo "   archive: $(ls "$root"/update-site/target/org.knime.deepclem.update-site-*.zip)"
echo "   plugins: $(echo $plugins)"
echo "  features: $features"
echo "built in $(( $(date +%s) - start )) s"
