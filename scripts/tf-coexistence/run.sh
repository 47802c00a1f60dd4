#!/usr/bin/env bash
# Can KNIME's TF1 runtime (libtensorflow 1.13.1 + libtensorflow_jni 1.13.1) and the project's TensorFlow Java
# 1.1.0 (tensorflow-core-api/-native 1.1.0 + JavaCPP) coexist in ONE JVM?  Each runtime is loaded through its own
# URLClassLoader (parent = platform loader), as KNIME's OSGi bundles would.  Every case runs in its own child JVM,
# so a native crash (SIGSEGV, SIGABRT, protobuf/TF fatal error) is recorded instead of ending this script.
#
# Usage: bash scripts/tf-coexistence/run.sh        (REPEAT=N runs every case N times)
# Needs: java 17 (java, javac), mvn with access to Maven Central (or the jars already in ~/.m2).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
T="$HERE/target"
REPEAT="${REPEAT:-1}"
CASE_TIMEOUT="${CASE_TIMEOUT:-120}"

mkdir -p "$T/logs" "$T/tmp" "$T/classes"

# 1. jars: target/jars/tf1131 (libtensorflow + libtensorflow_jni 1.13.1), target/jars/tfjava110 (core-api 1.1.0 + deps)
if ! mvn -B -Dstyle.color=never -f "$HERE/pom.xml" dependency:copy-dependencies@tfjava110 dependency:copy@tf1131 \
        >"$T/logs/mvn.log" 2>&1; then
    cat "$T/logs/mvn.log"; echo "mvn failed (log: $T/logs/mvn.log)" >&2; exit 1
fi
TF1_JARS="$T/jars/tf1131"
TFJ_JARS="$T/jars/tfjava110"

# 2. the probe program (compiles against nothing; all TF calls by reflection)
javac -d "$T/classes" "$HERE/TfCoexist.java"

echo "date: $(date -u '+%Y-%m-%d %H:%M:%SZ')  host: $(uname -sm)  java: $(java -version 2>&1 | head -1)"
echo "tf1  jars: $(cd "$TF1_JARS" && ls *.jar | tr '\n' ' ')"
echo "tfj  jars: $(cd "$TFJ_JARS" && ls *.jar | tr '\n' ' ')"

# First line of a native fatal message in a log, or "none".
native_fatal() {
    local log="$1" line frame
    line="$(grep -m1 -E '\[libprotobuf FATAL|File already exists in database|^[0-9]{4}-[0-9-]+ [0-9:.]+: F |^F[0-9]{4} |terminate called|Check failed|double free|free\(\): |corrupted (size|double)|undefined symbol|symbol lookup error' "$log" || true)"
    if [[ -z "$line" ]]; then
        line="$(grep -m1 -E '^#[[:space:]]+SIG[A-Z]+' "$log" || true)"
        if [[ -n "$line" ]]; then
            frame="$(grep -A1 -m1 'Problematic frame' "$log" | tail -1 || true)"
            line="JVM crash: ${line###}${frame:+ | frame: ${frame###}}"
        fi
    fi
    echo "${line:-none}" | sed -E 's/[[:space:]]+/ /g' | cut -c1-220
}

describe_rc() {
    local rc="$1"
    if ((rc == 0)); then echo "exit=0"
    elif ((rc == 3)); then echo "exit=3 (Java exception in a step)"
    elif ((rc == 124)); then echo "exit=124 (timeout ${CASE_TIMEOUT}s)"
    elif ((rc > 128)); then echo "exit=$rc (signal SIG$(kill -l $((rc - 128)) 2>/dev/null || echo $((rc - 128))))"
    else echo "exit=$rc"
    fi
}

# Steps (see TfCoexist.java): tf1/tfj = tiny graph y = x*3 built in code with TF 1.13.1 / TF Java 1.1.0;
# tf1sm/tfjsm = the same graph as a SavedModel (exported once by TF Java 1.1.0, below) loaded with
# SavedModelBundle.load(dir, "serve") of TF 1.13.1 / TF Java 1.1.0. A runtime's 2nd step runs its FIRST
# session/bundle again (after the other runtime was loaded) and then a fresh one.
CASES=(a b c d e f)
declare -A CASE_STEPS=(
    [a]="tf1 tf1"
    [b]="tfj tfj"
    [c]="tf1 tfj tf1 tfj"
    [d]="tfj tf1 tfj tf1"
    [e]="tf1sm tfjsm tf1sm tfjsm"
    [f]="tfjsm tf1sm tfjsm tf1sm"
)
declare -A CASE_TITLE=(
    [a]="TF 1.13.1 alone"
    [b]="TF Java 1.1.0 alone"
    [c]="1.13.1 first, then 1.1.0"
    [d]="1.1.0 first, then 1.13.1"
    [e]="SavedModel: 1.13.1 first, then 1.1.0"
    [f]="SavedModel: 1.1.0 first, then 1.13.1"
)
declare -A PASS=()
declare -A WHY=()

SAVED_MODEL="$T/savedmodel"

# Runs TfCoexist in a child JVM: run_probe <log> <tmpdir> <hs_err prefix> step...; prints the exit code.
run_probe() {
    local log="$1" tmp="$2" hs="$3"; shift 3
    rm -rf "$tmp"; mkdir -p "$tmp"
    rm -f "$hs"-*.log
    local rc=0
    # the ( ) 2>/dev/null only hides bash's own "Aborted"/"Segmentation fault" job notice; the exit code is kept
    ( timeout "$CASE_TIMEOUT" java -Xss4m \
        -XX:ErrorFile="$hs-%p.log" \
        -Djava.io.tmpdir="$tmp" \
        -Dorg.tensorflow.NativeLibrary.DEBUG=1 \
        -Dsavedmodel.dir="$SAVED_MODEL" \
        -cp "$T/classes" TfCoexist "$TF1_JARS" "$TFJ_JARS" "$@" >"$log" 2>&1 ) 2>/dev/null || rc=$?
    # a hs_err file holds the details of a JVM crash; append it so native_fatal sees it
    local f
    for f in "$hs"-*.log; do [[ -f "$f" ]] && cat "$f" >>"$log"; done
    echo "$rc"
}

# SavedModel for cases e/f: y = x * 3 (ops "x", "y"; tag "serve"; signature "serving_default"), exported by TF Java 1.1.0
rm -rf "$SAVED_MODEL"
rc="$(run_probe "$T/logs/export.log" "$T/tmp/export" "$T/logs/hs_err_export" tfjexport)"
echo "savedmodel export (TF Java 1.1.0, own JVM): $(describe_rc "$rc") | $(grep -m1 -E '^STEP ' "$T/logs/export.log" | sed -E 's/^STEP //' || echo 'no step finished') | log: target/logs/export.log"

echo
for c in "${CASES[@]}"; do
    for ((r = 1; r <= REPEAT; r++)); do
        id="$c"; ((REPEAT > 1)) && id="$c#$r"
        log="$T/logs/case-$c-$r.log"
        # shellcheck disable=SC2086
        rc="$(run_probe "$log" "$T/tmp/case-$c-$r" "$T/logs/hs_err_case-$c-$r" ${CASE_STEPS[$c]})"
        steps="$(grep -E '^STEP ' "$log" | sed -E 's/^STEP //' | paste -sd';' - | sed 's/;/; /g' || true)"
        nsteps_ok="$(grep -cE '^STEP .*: OK ' "$log" || true)"
        nsteps_want="$(wc -w <<<"${CASE_STEPS[$c]}")"
        started="$(grep -E '^BEGIN ' "$log" | tail -1 | sed -E 's/^BEGIN //' || true)"
        fatal="$(native_fatal "$log")"
        mapped="$(grep -m1 -E '^MAPPED ' "$log" | sed -E 's/^MAPPED //' || true)"
        both_mapped=yes
        if [[ "${CASE_STEPS[$c]}" == *tf1* && "${CASE_STEPS[$c]}" == *tfj* ]] \
            && ! [[ "$mapped" == *libtensorflow_jni.so* && "$mapped" == *libtensorflow_cc.so.2* ]]; then
            both_mapped=no
        fi
        if ((rc == 0)) && [[ "$nsteps_ok" == "$nsteps_want" && "$both_mapped" == yes ]] \
            && ! grep -E '^STEP ' "$log" | grep -oE -- '-> [^,]+' | grep -vqx -- '-> 6.0'; then
            PASS[$c]="${PASS[$c]:-yes}"
        else
            PASS[$c]=no
            if ((nsteps_ok < nsteps_want)) && [[ -n "$started" ]]; then
                WHY[$c]="case $c (${CASE_TITLE[$c]}) died/failed in step '$started', $(describe_rc $rc), fatal: $fatal"
            elif ((rc != 0)); then
                WHY[$c]="case $c (${CASE_TITLE[$c]}) $(describe_rc $rc), fatal: $fatal"
            elif [[ "$both_mapped" == no ]]; then
                WHY[$c]="case $c (${CASE_TITLE[$c]}): the two native runtimes were not both mapped (mapped: ${mapped:-?})"
            else
                WHY[$c]="case $c (${CASE_TITLE[$c]}): a step returned something other than 6.0"
            fi
        fi
        echo "case $id [${CASE_TITLE[$c]}; steps: ${CASE_STEPS[$c]}]: $(describe_rc $rc) | ${steps:-no step finished} | native fatal: $fatal | mapped: ${mapped:-?} | log: target/logs/$(basename "$log")"
    done
done

echo
why_all() { local c out=""; for c in "$@"; do [[ -n "${WHY[$c]:-}" ]] && out+="${out:+; }${WHY[$c]}"; done; echo "$out"; }
if [[ "${PASS[a]}" != yes || "${PASS[b]}" != yes ]]; then
    echo "coexist: inconclusive - a runtime fails even alone: $(why_all a b)"
elif [[ "${PASS[c]}" == yes && "${PASS[d]}" == yes && "${PASS[e]}" == yes && "${PASS[f]}" == yes ]]; then
    echo "coexist: yes - in both load orders both runtimes loaded side by side in one JVM (libtensorflow_jni.so+libtensorflow_framework.so from java.io.tmpdir next to libjnitensorflow.so+libtensorflow_cc.so.2+libtensorflow_framework.so.2 from ~/.javacpp), each computed 2*3=6 from a graph and from a SavedModel, and the first runtime's session/bundle still ran after the second was loaded (each case run $REPEAT time(s))"
elif [[ "${PASS[c]}" == yes && "${PASS[d]}" == yes ]]; then
    echo "coexist: partly - graphs built in code work in both orders, but SavedModel loading does not: $(why_all e f)"
else
    echo "coexist: no - $(why_all c d e f)"
fi
