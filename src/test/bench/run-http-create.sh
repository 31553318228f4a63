#!/usr/bin/env bash
# The HTTP create path, end to end: a simulator in its own process (--latency-ms 0), the
# application of a checkout (CHECKOUT, default this one: its target/mikrobill.jar, built with
# ./mvnw -B -DskipTests package, and its routes/ and kamelets/) on embedded H2 and broker with rate limiting
# off, and HttpCreateLoad posting REQUESTS (5000) unique hotspot users, CONCURRENCY (32) in
# flight, after a warm-up of 1000. Prints the load's JSON line and the application's CPU seconds
# per request (user+sys of the application process over the measured run, from /proc).
# AUTH picks how the load authenticates: key (an admin API key made with `keys create` before the
# start), session (a login as admin, ADMIN_PASSWORD set), none (a checkout from before
# authentication). The per-principal limit is off (API_RATE_LIMIT=0) so it does not cap the load.
# Usage: [AUTH=key|session|none] src/test/bench/run-http-create.sh [CHECKOUT]   (JAVA_HOME = JDK 21+)
# Before/after: git worktree add /tmp/before REV, package both, run this with each, side by side.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/../../.." && pwd)
ROOT=$(cd "${1:-$HERE}" && pwd)
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAR="$ROOT/target/mikrobill.jar"
LOAD="$HERE/src/test/bench/HttpCreateLoad.java"
N=${REQUESTS:-5000}; C=${CONCURRENCY:-32}
SIM_PORT=${SIM_PORT:-18900}; HTTP_PORT=${HTTP_PORT:-18901}; BROKER_PORT=${BROKER_PORT:-18902}
WORK=$(mktemp -d); cp -r "$ROOT/routes" "$ROOT/kamelets" "$ROOT/profiles.json" "$WORK"/
"$JAVA" -jar "$JAR" simulator --port "$SIM_PORT" --api-ssl-port -1 --password pw --latency-ms 0 >"$WORK/sim.log" 2>&1 &
SIM=$!
trap 'kill $SIM $APP 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 50); do grep -q "simulator listening" "$WORK/sim.log" && break; sleep 0.2; done
AUTH=${AUTH:-key}
BEARER=""
if [ "$AUTH" = key ]; then
  BEARER=$(cd "$WORK" && "$JAVA" -jar "$JAR" keys create --name bench --role admin 2>/dev/null)
fi
(cd "$WORK" && MIKROTIK_HOST=127.0.0.1 MIKROTIK_PORT=$SIM_PORT MIKROTIK_PASSWORD=pw PORT=$HTTP_PORT \
  BROKER_PORT=$BROKER_PORT ENABLE_RATE_LIMITING=false API_RATE_LIMIT=0 ADMIN_PASSWORD=bench-password-1 \
  exec "$JAVA" -jar "$JAR" >"$WORK/app.log" 2>&1) &
APP=$!
for _ in $(seq 1 150); do curl -sf "localhost:$HTTP_PORT/monitoring/live" >/dev/null 2>&1 && break; sleep 0.2; done
if [ "$AUTH" = session ]; then
  BEARER=$(curl -s -X POST "localhost:$HTTP_PORT/auth/login" -H 'Content-Type: application/json' \
    -d '{"username":"admin","password":"bench-password-1"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
fi
"$JAVA" "$LOAD" "$HTTP_PORT" 1000 "$C" warm "$BEARER" >/dev/null
APP_PID=$(pgrep -P "$APP" java || echo "$APP")
ticks() { awk '{print $14+$15}' "/proc/$APP_PID/stat"; }
T0=$(ticks)
"$JAVA" "$LOAD" "$HTTP_PORT" "$N" "$C" load "$BEARER"
T1=$(ticks)
HZ=$(getconf CLK_TCK)
awk -v t=$((T1 - T0)) -v hz="$HZ" -v n="$N" 'BEGIN { printf "{\"appCpuMicrosPerRequest\":%.0f}\n", t / hz / n * 1e6 }'
