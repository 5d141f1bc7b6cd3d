package io.shoal.node.bench;

import java.lang.management.ManagementFactory;

/**
 * One timed pass: wall clock for throughput, plus the whole JVM's CPU time (GC and JIT included). On a shared
 * machine wall-clock throughput swings with the neighbours' load; CPU per image much less, so it shows whether a
 * path really does more work.
 */
public record Timed(long images, long wallNanos, long cpuNanos) {

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  public double imagesPerSecond() {
    return images * 1e9 / wallNanos;
  }

  public double cpuMsPerImage() {
    return cpuNanos / 1e6 / images;
  }

  /** CPU time this JVM has used so far, all threads. */
  public static long processCpuNanos() {
    return OS.getProcessCpuTime();
  }
}
