package io.shoal.node.bench.e2e;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the CPU went between two snapshots: each live Java thread's CPU time (ThreadMXBean), grouped by its name
 * with the numbers taken out ({@code shoal-pekko.actor.default-dispatcher-N}); the rest of this JVM's CPU time (GC,
 * JIT: threads Java cannot see, and threads that ended in between); and the child processes (the embedded
 * PostgreSQL server and its backends).
 */
final class CpuProfile {

  static final String JVM_OTHER = "(GC, JIT, ended threads)";
  static final String CHILD_PROCESSES = "(child processes: embedded PostgreSQL)";
  static final String OTHER_PROCESSES = "(other processes on the machine)";
  /** Linux's clock ticks per second in /proc/stat (USER_HZ), 100 on every mainstream architecture. */
  private static final long TICKS_PER_SECOND = 100;

  /** CPU time per thread id (with its group) and of the process, at one moment. */
  record Snapshot(long wallNanos, Map<Long, Long> threadCpu, Map<Long, String> threadGroup, long processCpu,
      long childCpu, long machineBusy) {}

  /** One group's CPU time over the interval; {@code share} = of all cores' time. */
  record Row(String group, long cpuNanos, double share) {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private CpuProfile() {}

  static Snapshot snapshot() {
    Map<Long, Long> cpu = new HashMap<>();
    Map<Long, String> group = new HashMap<>();
    if (THREADS.isThreadCpuTimeSupported() && !THREADS.isThreadCpuTimeEnabled()) {
      THREADS.setThreadCpuTimeEnabled(true);
    }
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds(), 0)) {
      if (info == null) {
        continue;
      }
      long nanos = THREADS.getThreadCpuTime(info.getThreadId());
      if (nanos >= 0) {
        cpu.put(info.getThreadId(), nanos);
        group.put(info.getThreadId(), group(info.getThreadName()));
      }
    }
    long children = ProcessHandle.current().descendants()
        .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    return new Snapshot(System.nanoTime(), cpu, group, OS.getProcessCpuTime(), children, machineBusyNanos());
  }

  /** CPU time all processes on the machine have used (Linux /proc/stat; -1 elsewhere). */
  static long machineBusyNanos() {
    try {
      String[] ticks = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      // cpu user nice system idle iowait irq softirq steal ...: all but idle and iowait are work.
      for (int i = 1; i < ticks.length && i <= 8; i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(ticks[i]);
        }
      }
      return busy * (1_000_000_000L / TICKS_PER_SECOND);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** A thread's group: its name with every run of digits replaced by N. */
  static String group(String threadName) {
    return threadName.replaceAll("\\d+", "N");
  }

  /**
   * Groups by CPU time between {@code from} and {@code to}, largest first, the JVM's unattributed time and the
   * child processes included; {@code cores} turns times into shares of the machine.
   */
  static List<Row> between(Snapshot from, Snapshot to, int cores) {
    long wall = to.wallNanos() - from.wallNanos();
    Map<String, Long> byGroup = new HashMap<>();
    long attributed = 0;
    for (var entry : to.threadCpu().entrySet()) {
      long delta = entry.getValue() - from.threadCpu().getOrDefault(entry.getKey(), 0L);
      byGroup.merge(to.threadGroup().get(entry.getKey()), delta, Long::sum);
      attributed += delta;
    }
    byGroup.put(JVM_OTHER, Math.max(0, to.processCpu() - from.processCpu() - attributed));
    // A child process started in between counts from zero: the database's backends come and go.
    long children = Math.max(0, to.childCpu() - from.childCpu());
    byGroup.put(CHILD_PROCESSES, children);
    if (from.machineBusy() >= 0 && to.machineBusy() >= 0) {
      long ours = to.processCpu() - from.processCpu() + children;
      byGroup.put(OTHER_PROCESSES, Math.max(0, to.machineBusy() - from.machineBusy() - ours));
    }
    List<Row> rows = new ArrayList<>();
    byGroup.forEach((group, nanos) -> {
      if (nanos > 0) {
        rows.add(new Row(group, nanos, Figures.ratio(nanos, (double) wall * cores)));
      }
    });
    rows.sort(Comparator.comparingLong(Row::cpuNanos).reversed());
    return rows;
  }
}
