#!/usr/bin/env bash
# Checks the ./deepclem launcher's stderr routing (README, "Command line"): on the demo pair stderr is empty, and with
# --verbose it shows TensorFlow's lines as "tensorflow: ..."; a truncated EM gives exactly its one line and exit 2;
# the exit codes are those of the README (0, 1, 2, 3, and 143 for a SIGTERM to the launcher's process id, which is
# java's). Run after the Maven build (./run-tests does); about 30 s, the first run after a build longer (the launcher
# records its class-data archive once).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
demo="$root/data/deepclem/example"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# as in a user's shell: TensorFlow's log level unset (run-tests sets it for Maven)
unset TF_CPP_MIN_LOG_LEVEL DEEPCLEM_JAVA_OPTS

failures=0
fail() {
  echo "check-launcher: FAIL: $*" >&2
  failures=$((failures + 1))
}

# run NAME ARGS...: the launcher; $rc is its exit code, $tmp/NAME.out and $tmp/NAME.err what it printed. stderr is
# read through a pipe, which ends only when java and the filter have both closed it: a filter left running hangs here.
run() {
  local name=$1
  shift
  set +e
  "$root/deepclem" "$@" 2>&1 >"$tmp/$name.out" | cat >"$tmp/$name.err"
  rc=${PIPESTATUS[0]}
  set -e
}

expect_code() { # NAME CODE
  [ "$rc" = "$2" ] || fail "$1: exit code $rc, expected $2; stderr: $(cat "$tmp/$1.err")"
}

expect_stderr() { # NAME TEXT: the whole of stderr is TEXT and a newline
  printf '%s\n' "$2" >"$tmp/$1.expected"
  cmp -s "$tmp/$1.expected" "$tmp/$1.err" || fail "$1: stderr is not exactly '$2' but:
$(cat "$tmp/$1.err")"
}

# TensorFlow's log lines, as the launcher's filter knows them (absl, tsl, absl's first line, tsl's continued line)
tf_line='^([IWEF][0-9]{4} [0-9:.]+ +[0-9]+ [^ ]+:[0-9]+]|[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]+: [IWEF] '
tf_line+='|WARNING: All log messages before absl|To enable the following instructions)'

# the launcher's own lines of a first run after a build ("building", "recording classes") are not what is checked
"$root/deepclem" --version >/dev/null 2>&1 || fail "deepclem --version failed"

# 0: a registered pair, and not a line on stderr
run demo register --em "$demo/EM.png" --lm "$demo/Chromatin.png" --out "$tmp/demo"
expect_code demo 0
[ -s "$tmp/demo.err" ] && fail "demo: stderr not empty: $(cat "$tmp/demo.err")"
grep -q '^ok by ' "$tmp/demo.out" || fail "demo: no 'ok by' line on stdout: $(cat "$tmp/demo.out")"

# 2: a truncated EM, exactly one line
head -c 20000 "$demo/EM.png" >"$tmp/trunc.png"
run trunc register --em "$tmp/trunc.png" --lm "$demo/Chromatin.png" --out "$tmp/trunc"
expect_code trunc 2
expect_stderr trunc "deepclem register: cannot read image $tmp/trunc.png: the file is truncated"

# 2: a wrong option
run usage register --em "$demo/EM.png" --no-such-option
expect_code usage 2
[ "$(wc -l <"$tmp/usage.err")" -eq 1 ] || fail "usage: not one line on stderr: $(cat "$tmp/usage.err")"

# 1: a batch whose pair errors (a truncated EM): its failed row, and nothing on stderr
printf 'id,em,lm\nbad,%s,%s\n' "$tmp/trunc.png" "$demo/Chromatin.png" >"$tmp/bad.csv"
run bad batch --pairs "$tmp/bad.csv" --out "$tmp/bad"
expect_code bad 1
[ -s "$tmp/bad.err" ] && fail "bad: stderr not empty: $(cat "$tmp/bad.err")"
grep -q '^bad: failed (error: cannot read image .*truncated)' "$tmp/bad.out" \
  || fail "bad: no failed row for the pair: $(cat "$tmp/bad.out")"

# 3: an internal error (out of memory in a far too small heap), one line
DEEPCLEM_JAVA_OPTS=-Xmx24m run oom register --em "$demo/EM.png" --lm "$demo/Chromatin.png" --out "$tmp/oom"
expect_code oom 3
grep -q '^deepclem register: out of memory' "$tmp/oom.err" && [ "$(wc -l <"$tmp/oom.err")" -eq 1 ] \
  || fail "oom: not one 'out of memory' line: $(cat "$tmp/oom.err")"

# --verbose: TensorFlow's lines, each marked; and 143 for a SIGTERM to the process id the launcher started as,
# which is java's (exec), once a pair is in the summary (the model is loaded), as BatchInterruptTest does
printf 'em,lm\n' >"$tmp/pairs.csv"
for i in 1 2 3 4 5 6; do
  cp "$demo/EM.png" "$tmp/em$i.png"
  printf 'em%s.png,%s\n' "$i" "$demo/Chromatin.png" >>"$tmp/pairs.csv"
done
"$root/deepclem" --verbose batch --pairs "$tmp/pairs.csv" --out "$tmp/batch" --threads 1 >"$tmp/verbose.out" \
  2>"$tmp/verbose.err" &
pid=$!
for _ in $(seq 1200); do
  [ -f "$tmp/batch/summary.csv" ] && [ "$(wc -l <"$tmp/batch/summary.csv")" -ge 2 ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
comm="$(ps -o comm= -p "$pid" 2>/dev/null || true)"
[ "$comm" = java ] || fail "verbose: process $pid is '$comm', not java"
kill -TERM "$pid" 2>/dev/null || true
set +e
wait "$pid"
rc=$?
set -e
expect_code verbose 143
grep -q '^tensorflow: ' "$tmp/verbose.err" \
  || fail "verbose: no 'tensorflow: ' line on stderr: $(cat "$tmp/verbose.err")"

# no raw TensorFlow line anywhere, --verbose included
for f in "$tmp"/*.err; do
  grep -Eq "$tf_line" "$f" && fail "$(basename "$f" .err): a TensorFlow line on stderr: $(grep -E "$tf_line" "$f")"
done

if [ "$failures" -gt 0 ]; then
  echo "check-launcher: $failures check(s) failed" >&2
  exit 1
fi
echo "check-launcher: ok (stderr routing, --verbose, one line for a bad input, exit codes 0 1 2 3 143)"
