package io.shoal.node.bench.e2e;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the CPU went between two snapshots: each live Java thread's CPU time (ThreadMXBean), grouped by its name
 * with the numbers taken out ({@code shoal-pekko.actor.default-dispatcher-N}); the JVM's own threads (JIT, GC, VM
 * thread, from /proc); the rest of this JVM's CPU time (threads that ended in between); the child processes (the
 * embedded PostgreSQL server and its backends); and the other processes on the machine.
 */
final class CpuProfile {

  static final String JVM_OTHER = "(threads that ended in the window, other JVM-internal)";
  static final String JIT = "(JVM: JIT compiler threads)";
  static final String GC = "(JVM: garbage collector threads)";
  static final String VM = "(JVM: VM thread and service threads)";
  static final String DATABASE = "(embedded PostgreSQL: server and backends)";
  static final String OTHER_PROCESSES = "(other processes on the machine)";
  /** Linux's clock ticks per second in /proc/stat (USER_HZ), 100 on every mainstream architecture. */
  private static final long TICKS_PER_SECOND = 100;

  /** CPU time per thread id (with its group) and of the process, at one moment. */
  record Snapshot(long wallNanos, Map<Long, Long> threadCpu, Map<Long, String> threadGroup, long processCpu,
      long databaseCpu, long machineBusy, long threadsStarted, Map<String, Long> internalCpu) {}

  /** One group's CPU time over the interval; {@code share} = of all cores' time. */
  record Row(String group, long cpuNanos, double share) {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private CpuProfile() {}

  /**
   * The embedded PostgreSQL's server process, found by its port: pg_ctl starts it detached, so it is not this
   * JVM's descendant. Empty if not found (its CPU then counts as another process's).
   */
  static Optional<ProcessHandle> postgresServer(int port) {
    String portArgument = "-p " + port;
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(portArgument)
            && c.contains(" -D ")).orElse(false))
        .findFirst();
  }

  /** As {@link #snapshot()}, counting {@code database} and its backends as the database's CPU. */
  static Snapshot snapshot(Optional<ProcessHandle> database) {
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
    long children = database.map(server -> cpuNanos(server) + server.descendants().mapToLong(CpuProfile::cpuNanos)
        .sum()).orElse(0L);
    return new Snapshot(System.nanoTime(), cpu, group, OS.getProcessCpuTime(), children, machineBusyNanos(),
        THREADS.getTotalStartedThreadCount(), internalThreadsCpu());
  }

  /**
   * CPU time of the JVM's own threads (JIT compilers, GC, VM thread), which ThreadMXBean does not list, by group:
   * from Linux's /proc/self/task/N/stat (10 ms ticks); empty elsewhere.
   */
  static Map<String, Long> internalThreadsCpu() {
    Map<String, Long> groups = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException ended) {
          continue;
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String group = internalGroup(stat.substring(open + 1, close));
        if (group != null) {
          // After "(comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime.
          String[] fields = stat.substring(close + 2).split(" ");
          long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          groups.merge(group, ticks * (1_000_000_000L / TICKS_PER_SECOND), Long::sum);
        }
      }
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    return groups;
  }

  /** The group of a JVM-internal thread by its OS name (15 characters at most), or null for a Java thread. */
  static String internalGroup(String osName) {
    if (osName.startsWith("C1 CompilerThre") || osName.startsWith("C2 CompilerThre")) {
      return JIT;
    }
    if (osName.startsWith("GC Thread#") || osName.startsWith("G1 ")) {
      return GC;
    }
    if (osName.equals("VM Thread") || osName.startsWith("VM Periodic") || osName.equals("Service Thread")
        || osName.startsWith("Monitor Deflati") || osName.equals("Sweeper thread")) {
      return VM;
    }
    return null;
  }

  /** Java threads this JVM started between two snapshots: a thread per task shows here (and its CPU as "ended"). */
  static long threadsStarted(Snapshot from, Snapshot to) {
    return to.threadsStarted() - from.threadsStarted();
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

  private static long cpuNanos(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
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
    for (var entry : to.internalCpu().entrySet()) {
      long delta = Math.max(0, entry.getValue() - from.internalCpu().getOrDefault(entry.getKey(), 0L));
      byGroup.merge(entry.getKey(), delta, Long::sum);
      attributed += delta;
    }
    byGroup.put(JVM_OTHER, Math.max(0, to.processCpu() - from.processCpu() - attributed));
    // A backend that ended in between takes its CPU time with it: the pools keep theirs open, so few do.
    long children = Math.max(0, to.databaseCpu() - from.databaseCpu());
    byGroup.put(DATABASE, children);
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
