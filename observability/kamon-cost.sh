#!/usr/bin/env bash
# What Kamon costs a node: runs `./shoal demo` with metrics off, then on (RUNS times each, default 2) and prints, per
# run, the start-up time (launch to the demo's banner, which waits for the HTTP API) in wall-clock and in CPU seconds
# of the JVM (less sensitive to other load on the machine), and 30 s after the banner the heap used after a full GC
# (jcmd GC.run + GC.heap_info), the metaspace used (classes: Kamon's agent and instrumentation) and the RSS. With metrics on it also saves the
# scrape of http://localhost:9095/metrics to $OUT/scrape-<run>.txt. Needs the demo's ports free (8080, 7355, 7626, 9095).
#   observability/kamon-cost.sh            # RUNS=2 SETTLE=30 OUT=target/kamon-cost
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${RUNS:-2}"
SETTLE="${SETTLE:-30}"
OUT="${OUT:-$ROOT/observability/target/kamon-cost}"
mkdir -p "$OUT"
"$ROOT/shoal" --help >/dev/null # builds first, so that no run's start-up includes the build

printf '| run | metrics | start-up (s) | start-up CPU (s) | heap used after GC (MiB) | metaspace (MiB) | RSS (MiB) |\n'
printf '|---|---|---|---|---|---|---|\n'
for run in $(seq "$RUNS"); do
  for enabled in false true; do
    log="$OUT/demo-$run-$enabled.log"
    start=$(date +%s.%N)
    SHOAL_METRICS_ENABLED=$enabled "$ROOT/shoal" demo --duration "$((SETTLE + 60))s" >"$log" 2>&1 &
    pid=$! # ./shoal execs java: this is the JVM
    until grep -q "Shoal demo:" "$log"; do
      kill -0 "$pid" 2>/dev/null || { echo "demo exited early, see $log" >&2; exit 1; }
      sleep 0.1
    done
    ready=$(date +%s.%N)
    # utime + stime of the JVM, in clock ticks (fields 14 and 15 of /proc/<pid>/stat; the name has no spaces: java).
    cpu_ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    sleep "$SETTLE"
    jcmd "$pid" GC.run >/dev/null
    heap_kib=$(jcmd "$pid" GC.heap_info | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1)
    rss_kib=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
    meta_kib=$(jcmd "$pid" GC.heap_info | sed -n 's/.*Metaspace *used \([0-9]*\)K.*/\1/p' | head -1)
    if [ "$enabled" = true ]; then
      curl -sf "http://localhost:9095/metrics" >"$OUT/scrape-$run.txt" || echo "scrape failed" >&2
    fi
    kill -TERM "$pid"
    wait "$pid" || true
    printf '| %s | %s | %.1f | %.1f | %d | %d | %d |\n' "$run" "$enabled" "$(echo "$ready - $start" | bc)" \
      "$(echo "$cpu_ticks / $(getconf CLK_TCK)" | bc -l)" "$((heap_kib / 1024))" "$((meta_kib / 1024))" \
      "$((rss_kib / 1024))"
  done
done
