#!/usr/bin/env bash
# Starts the quickstart: two echo backends and Lintel in standalone mode on examples/quickstart.
# The Gateway's listener port 80 is served on 127.0.0.1:8080 (--port-offset 8000).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=operator/target/lintel.jar
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -Xss512k"}
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

java $JAVA_OPTS -jar "$JAR" echo --port 9001 --name blue &
pids+=($!)
java $JAVA_OPTS -jar "$JAR" echo --port 9002 --name green &
pids+=($!)
java $JAVA_OPTS -jar "$JAR" standalone --manifests examples/quickstart --port-offset 8000 --admin-port 9900 &
pids+=($!)

for _ in $(seq 1 100); do
  curl -fs http://127.0.0.1:9900/readyz >/dev/null 2>&1 && break
  sleep 0.2
done

cat <<'TRY'

Lintel is serving examples/quickstart. Try:

  curl -s -H 'Host: app.example.com' http://127.0.0.1:8080/           # -> blue
  curl -s -H 'Host: app.example.com' http://127.0.0.1:8080/canary     # -> blue 80 %, green 20 %
  curl -s -H 'Host: api.example.com' http://127.0.0.1:8080/v2/users   # -> green
  curl -s -H 'Host: api.example.com' http://127.0.0.1:8080/health     # -> blue
  curl -s -H 'Host: nobody.example.com' http://127.0.0.1:8080/        # -> 404
  curl -s http://127.0.0.1:9900/status     # status conditions of every object
  curl -s http://127.0.0.1:9900/config     # the rendered proxy config
  curl -s http://127.0.0.1:9900/errors     # manifests that failed to load

Edit any file under examples/quickstart/ and the change is served within a second.
Press Ctrl-C to stop.
TRY
wait
