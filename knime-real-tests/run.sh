#!/usr/bin/env bash
# The real-KNIME test stage. For each KNIME version (5.4 = the minimum MANIFEST.MF accepts, 5.12 = current), with the
# real core built from KNIME's source by the knime-real kit (../shared/knime-real, tests only, never shipped):
#   1. compiles the KNIP stand-in, then the whole plugin (engine, command line, nodes), against the real core:
#      zero errors required; deprecation warnings go to target/knime-real/<version>/deprecations.txt;
#   2. compiles the plugin's tests plus knime-real-tests/src (the real core's half of the node harness, the
#      workflow tests);
#   3. runs every node test (org.knime.deepclem.nodes) and the real-KNIME tests (org.knime.deepclem.realknime: the
#      shipped workflows, knime:// options, the KNIME/KNIP settings rules) with JUnit's console launcher on the real
#      classes, and prints one summary line per version plus one line per shipped workflow.
# Needs `mvn verify` first (org.knime.deepclem/target/real-knime-classpath.txt). Without the kit or a JDK >= 21 it
# prints one line saying the stage was skipped and why, and exits 0, unless CI=true: then it fails.
#
#   knime-real-tests/run.sh --regenerate-workflows   rewrites workflows/ with the generator (KNIME 5.4), no tests
#
# Environment: KNIME_REAL_KIT (default: ../shared/knime-real beside the repository), KNIME_REAL_VERSIONS (default
# "5.4 5.12"), JAVA_HOME_21 (a JDK >= 21; else $JAVA_HOME if it is one, else the newest in /usr/lib/jvm).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kit="${KNIME_REAL_KIT:-$root/../shared/knime-real}"
versions="${KNIME_REAL_VERSIONS:-5.4 5.12}"
regenerate=false
if [ "${1:-}" = --regenerate-workflows ]; then regenerate=true; versions=5.4; fi
junit_version=1.14.1
out="$root/target/knime-real"

skip() {
  if [ "${CI:-}" = true ]; then
    echo "real-KNIME stage FAILED (CI=true requires it): $1" >&2
    exit 1
  fi
  echo "real-KNIME stage SKIPPED: $1"
  exit 0
}

java_major() { # javac -> major version, or 0
  "$1" -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p' | head -1 | grep . || echo 0
}

find_jdk() {
  local c
  for c in "${JAVA_HOME_21:-}" "${JAVA_HOME:-}"; do
    if [ -n "$c" ] && [ -x "$c/bin/javac" ] && [ "$(java_major "$c/bin/javac")" -ge 21 ]; then echo "$c"; return; fi
  done
  local best="" best_v=0 v
  for c in /usr/lib/jvm/*; do
    [ -x "$c/bin/javac" ] || continue
    v=$(java_major "$c/bin/javac")
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$c"; best_v=$v; fi
  done
  echo "$best"
}

[ -x "$kit/build.sh" ] || skip "no knime-real kit at $kit (a clone without ../shared; set KNIME_REAL_KIT to use one elsewhere)"
jdk="$(find_jdk)"
[ -n "$jdk" ] || skip "no JDK 21 or newer (KNIME's real core is Java 21 bytecode; set JAVA_HOME_21)"
deps_file="$root/org.knime.deepclem/target/real-knime-classpath.txt"
[ -f "$deps_file" ] || { echo "real-KNIME stage: $deps_file is missing; run 'mvn verify' first" >&2; exit 1; }
deps="$(cat "$deps_file")"

mkdir -p "$out"
junit_jar="$out/junit/junit-platform-console-standalone-$junit_version.jar"
if [ ! -f "$junit_jar" ]; then
  mvn -B -q dependency:copy -Dartifact="org.junit.platform:junit-platform-console-standalone:$junit_version" \
    -DoutputDirectory="$out/junit" >&2
fi

plugin="$root/org.knime.deepclem"
# KNIP and KNIME's deep-learning integration (org.knime.dl*) cannot be built here: their stand-ins, on the real core
knip_sources() { (cd "$root/knime-api-stand-in/src/main/java" && find net org/knime/knip org/knime/dl -name '*.java' | sed "s|^|$PWD/|"); }
# node tests the Maven build ran on the stand-in, for comparison (when its reports are there)
standin_nodetests=$(cat "$plugin"/target/surefire-reports/TEST-org.knime.deepclem.nodes.*.xml 2>/dev/null \
  | awk -F' tests="' '/^<testsuite /{split($2, a, "\""); n += a[1]} END {if (n) print n}' || true)
[ -n "$standin_nodetests" ] && standin_nodetests="; on the stand-in: $standin_nodetests"
status=0
summary=()
for v in $versions; do
  start=$(date +%s)
  w="$out/$v"
  rm -rf "$w/classes" "$w/reports" "$w/tmp"
  mkdir -p "$w/classes" "$w/tmp"
  JAVA_HOME_21="$jdk" KNIME_REAL_OUT="$out/kit-$v" "$kit/build.sh" "$v" >&2
  # shellcheck disable=SC1090,SC1091
  JVM_ARGS="$(. "$out/kit-$v/VERSION" && echo "$JVM_ARGS")"
  core="$(cat "$out/kit-$v/classpath.txt")"
  knip="$w/classes/knip" main="$w/classes/main" tests="$w/classes/test"

  "$jdk/bin/javac" --release 17 -nowarn -encoding UTF-8 -d "$knip" -cp "$core:$deps" $(knip_sources)
  # the plugin against the real core: every error fails the stage; deprecation warnings are listed
  if ! "$jdk/bin/javac" --release 17 -Xlint:deprecation,removal -Xmaxwarns 10000 -encoding UTF-8 -d "$main" \
      -cp "$knip:$core:$deps" $(find "$plugin/src/main/java" -name '*.java') > "$w/compile.log" 2>&1; then
    cat "$w/compile.log" >&2
    echo "real-KNIME $v: the plugin does not compile against KNIME $v" >&2
    exit 1
  fi
  grep -E 'warning: \[(deprecation|removal)\]' "$w/compile.log" | sed "s|$root/||" > "$w/deprecations.txt" || true
  (cd "$plugin/src/main/java" && find . -type f ! -name '*.java' -exec cp --parents {} "$main" \;)
  cp -r "$plugin/src/main/resources/." "$main/"
  "$jdk/bin/javac" --release 17 -nowarn -encoding UTF-8 -d "$tests" -cp "$main:$knip:$core:$deps:$junit_jar" \
    $(find "$plugin/src/test/java" "$root/knime-real-tests/src/java" -name '*.java') > "$w/compile-tests.log" 2>&1 \
    || { cat "$w/compile-tests.log" >&2; exit 1; }
  cp -r "$root/knime-real-tests/src/resources/." "$tests/"
  [ -d "$plugin/src/test/resources" ] && cp -r "$plugin/src/test/resources/." "$tests/"

  # shellcheck disable=SC2086
  run_java() {
    TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}" "$jdk/bin/java" $JVM_ARGS -Xmx6g -Djava.awt.headless=true \
      -Ddeepclem.root="$root" -Dknime.real.plugins="$out/kit-$v/plugins" -Djava.io.tmpdir="$w/tmp" \
      -Dknime.real.report="$w/workflows.txt" -cp "$tests:$main:$knip:$core:$deps:$junit_jar" "$@"
  }
  if $regenerate; then
    run_java org.knime.deepclem.realknime.workflows.ExampleWorkflows "$root/workflows" 2> "$w/regenerate.log" \
      || { tail -40 "$w/regenerate.log" >&2; exit 1; }
    exit 0
  fi
  rm -f "$w/workflows.txt"
  set +e
  run_java org.junit.platform.console.ConsoleLauncher execute --disable-banner --details=tree \
    --reports-dir="$w/reports" --select-package=org.knime.deepclem.nodes \
    --select-package=org.knime.deepclem.realknime > "$w/tests.log" 2>&1
  rc=$?
  set -e
  counts=$(sed -n 's/^\[ *\([0-9]*\) tests \(successful\|failed\|skipped\|aborted\) *\]$/\2=\1/p' "$w/tests.log" | tr '\n' ' ')
  nodetests=$(grep -o '<testcase [^>]*classname="org\.knime\.deepclem\.nodes\.[^"]*"' \
    "$w/reports/TEST-junit-jupiter.xml" 2>/dev/null | wc -l)
  deprecations=$(wc -l < "$w/deprecations.txt")
  summary+=("real-KNIME $v: ${counts}(node tests: $nodetests$standin_nodetests) | compiled with $deprecations deprecation warnings (${w#$root/}/deprecations.txt) | $(( $(date +%s) - start )) s | log: ${w#$root/}/tests.log")
  [ -f "$w/workflows.txt" ] && while IFS= read -r l; do summary+=("  $v $l"); done < <(sort "$w/workflows.txt")
  if [ $rc -ne 0 ]; then
    grep -E '✘|MethodSource|=> ' "$w/tests.log" | head -60 >&2 || true
    status=1
  fi
done
printf '%s\n' "${summary[@]}"
exit $status
