#!/usr/bin/env bash
# Reruns the README's benchmark figures: each scenario starts a simulator in its own process on a
# loopback port, runs `bench` against it, prints the JSON line, and stops the simulator it started.
# Usage: src/test/bench/run-benchmarks.sh   (after ./mvnw -B -DskipTests package; JAVA_HOME = JDK 21+)
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAR=target/mikrobill.jar
PORT=${BENCH_PORT:-18800}

with_simulator() { # $1 = simulator flags; rest = bench runs, each a quoted flag string
  local flags="$1"; shift
  "$JAVA" -jar "$JAR" simulator --port "$PORT" --api-ssl-port -1 --password pw $flags >/tmp/mikrobill-bench-sim.log 2>&1 &
  local pid=$!
  trap 'kill $pid 2>/dev/null || true' RETURN
  for _ in $(seq 1 50); do grep -q "simulator listening" /tmp/mikrobill-bench-sim.log && break; sleep 0.2; done
  echo "## simulator $flags"
  for run in "$@"; do
    echo "# bench $run"
    "$JAVA" -jar "$JAR" bench --host 127.0.0.1 --port "$PORT" --user admin --password pw $run 2>/dev/null
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  trap - RETURN
}

# 1. Pool scaling: a router that serves one command at a time per connection.
with_simulator "--latency-ms 2 --serial-per-connection --cpu-cores 8" \
  "--commands 3000 --concurrency 40 --connections 1 --warmup 200" \
  "--commands 15000 --concurrency 40 --connections 5 --warmup 500"

# 2. Pipelining on one connection vs connect-and-login per command, 20 ms round trip, 1 ms per command.
with_simulator "--rtt-ms 20 --latency-ms 1 --cpu-cores 1" \
  "--commands 10000 --concurrency 100 --connections 1 --warmup 1000" \
  "--commands 200 --concurrency 1 --mode connect-per-command --warmup 0" \
  "--commands 1000 --concurrency 10 --mode connect-per-command --warmup 0"

# 3. Client CPU per command over a long run (simulator in another process, latency 0).
with_simulator "" \
  "--commands 1000000 --concurrency 500 --connections 1 --warmup 200000"

# 4. Read-heavy workload through the cache, with the stale-read check.
with_simulator "--latency-ms 1 --cpu-cores 4 --seed-users 200" \
  "--workload read-heavy --commands 50000 --concurrency 1 --connections 2 --warmup 2000" \
  "--workload read-heavy --commands 50000 --concurrency 4 --connections 2 --warmup 2000" \
  "--workload read-heavy --commands 50000 --concurrency 16 --connections 2 --warmup 2000"
