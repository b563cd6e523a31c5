#!/usr/bin/env bash
# `make bench`: Lintel side by side with nginx, HAProxy and Caddy on this machine (issue 3).
#
#   1. installs what is missing with apt-get (nginx, haproxy, caddy, wrk, nghttp2-client, gcc, ...)
#      without letting the packages start their services (they would listen on 0.0.0.0:80);
#   2. self-tests bench/openloop, the open-loop load generator of S2 and S7;
#   3. builds Lintel (`make build` -> operator/target/lintel.jar) unless LINTEL_JAR is given;
#   4. builds and runs the JMH benchmarks (bench/jmh) unless BENCH_JMH=0;
#   5. runs the proxy scenarios (bench/bench.py), prints the tables and writes
#      bench/results/<UTC date-time>.md.
#
# Settings are environment variables, listed in bench/README.md; BENCH_QUICK=1 is a smoke run of a
# few minutes whose numbers mean nothing.
set -euo pipefail

cd "$(dirname "$0")/.."
REPO=$PWD
MVN=${MVN:-mvn -B -ntp}
# Extra Maven flags, e.g. "-o -Dlintel.target=target-x" for a private, offline build.
MVN_FLAGS=${MVN_FLAGS:-}
BENCH_QUICK=${BENCH_QUICK:-0}
BENCH_JMH=${BENCH_JMH:-1}
# The build folder name (parent pom property lintel.target), if MVN_FLAGS picks a private one.
TARGET=$(sed -n 's/.*-Dlintel\.target=\([^ ]*\).*/\1/p' <<<"$MVN_FLAGS")
TARGET=${TARGET:-target}
export PYTHONDONTWRITEBYTECODE=1
started=$(date +%s)

log() { printf '\n== %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

install_tools() {
  local missing=()
  command -v nginx >/dev/null || missing+=(nginx)
  command -v haproxy >/dev/null || missing+=(haproxy)
  command -v caddy >/dev/null || missing+=(caddy)
  command -v wrk >/dev/null || missing+=(wrk)
  command -v h2load >/dev/null || missing+=(nghttp2-client)
  command -v cc >/dev/null || missing+=(gcc libc6-dev)
  command -v python3 >/dev/null || missing+=(python3)
  command -v taskset >/dev/null || missing+=(util-linux)
  command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null || missing+=(maven)
  command -v git >/dev/null || missing+=(git)
  if [ ${#missing[@]} -eq 0 ]; then
    return
  fi
  log "installing ${missing[*]}"
  as_root apt-get update -q
  # policy-rc.d exit 101 = "do not start services" (honoured by invoke-rc.d and deb-systemd-invoke).
  local policy=/usr/sbin/policy-rc.d added_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod 755 "$policy"
    added_policy=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
  if [ "$added_policy" = 1 ]; then
    as_root rm -f "$policy"
  fi
  # Nor at the next boot: this script starts every server itself, on 127.0.0.1 only.
  if [ -d /run/systemd/system ]; then
    as_root systemctl disable --now nginx haproxy caddy >/dev/null 2>&1 || true
  fi
}

build_lintel() {
  if [ -n "${LINTEL_JAR:-}" ]; then
    log "using LINTEL_JAR=$LINTEL_JAR"
    return
  fi
  log "building Lintel (make build)"
  if [ "$TARGET" = target ]; then
    make build MVN="$MVN $MVN_FLAGS"
  else
    # shellcheck disable=SC2086
    $MVN -q $MVN_FLAGS package -DskipTests -Dspotless.check.skip=true
  fi
  export LINTEL_JAR="$REPO/operator/$TARGET/lintel.jar"
}

run_jmh() {
  JMH_RESULT=""
  if [ "$BENCH_JMH" = 0 ]; then
    return
  fi
  log "building the JMH benchmarks (bench/jmh)"
  # bench/pom.xml puts embedded-proxy and bench/jmh in one reactor: no `mvn install` needed.
  # shellcheck disable=SC2086
  if ! $MVN -q $MVN_FLAGS -f bench/pom.xml package -DskipTests -Dspotless.check.skip=true; then
    echo "JMH build failed; going on with the proxy scenarios" >&2
    return
  fi
  local jar="bench/jmh/$TARGET/benchmarks.jar"
  local args=()
  if [ "$BENCH_QUICK" != 0 ]; then
    args=(-wi 1 -w 1s -i 2 -r 1s)
  fi
  # shellcheck disable=SC2206
  args+=(${BENCH_JMH_ARGS:-})
  JMH_RESULT=$(mktemp --suffix=.jmh.txt)
  local jmh_log="${JMH_RESULT%.txt}.log"
  log "running JMH on CPU 0 (${args[*]:-settings from the annotations})"
  if taskset -c 0 java -jar "$jar" "${args[@]}" -rf text -rff "$JMH_RESULT" >"$jmh_log" 2>&1; then
    cat "$JMH_RESULT"
  else
    # The proxy scenarios are still worth running: report and go on.
    echo "JMH failed; the results file will not have its table. Last lines:" >&2
    tail -20 "$jmh_log" >&2
    rm -f "$JMH_RESULT"
    JMH_RESULT=""
  fi
  rm -f "$jmh_log"
}

install_tools
log "self-test of the open-loop load generator (S2, S7 rely on its counts)"
python3 bench/openloop/test_openloop.py
build_lintel
run_jmh
log "running the proxy scenarios"
bench_args=()
if [ -n "$JMH_RESULT" ]; then
  bench_args=(--jmh "$JMH_RESULT")
fi
python3 bench/bench.py "${bench_args[@]}"
if [ -n "$JMH_RESULT" ]; then
  rm -f "$JMH_RESULT"
fi
elapsed=$(( $(date +%s) - started ))
log "make bench took $((elapsed / 60)) min $((elapsed % 60)) s"
