package io.shoal.node.bench.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A poor man's sampling profiler: every interval, the state of each thread and, for threads really running, the
 * method on top of the stack (plus the nearest Shoal method below it), by thread group. Threads parked in epoll or a socket read
 * show as RUNNABLE to Java but wait; they are counted as "native wait".
 */
final class StackSampler implements AutoCloseable {

  /** How often a (group, state) or a top frame was seen, out of {@code samples} samples. */
  record Result(int samples, long nanos, Map<String, Map<String, Integer>> statesByGroup, List<Map.Entry<String, Integer>> topFrames) {}

  static final String NATIVE_WAIT = "NATIVE_WAIT";
  private static final int DEPTH = 24;
  /** Top frames that are a thread waiting in native code although Java reports RUNNABLE. */
  private static final Set<String> WAITING_FRAMES = Set.of("sun.nio.ch.EPoll.wait", "sun.nio.ch.Net.poll",
      "sun.nio.ch.Net.accept", "sun.nio.ch.SocketDispatcher.read0", "sun.nio.ch.EPollPort.poll",
      "java.net.PlainSocketImpl.socketAccept", "sun.nio.ch.NioSocketImpl.park",
      "java.io.FileInputStream.readBytes", "sun.nio.ch.FileDispatcherImpl.read0",
      "java.lang.ref.Reference.waitForReferencePendingList");

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Duration interval;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Map<String, Map<String, Integer>> states = new HashMap<>();
  private final Map<String, Integer> frames = new HashMap<>();
  private final Thread sampler;
  private final long started = System.nanoTime();
  private int samples;

  StackSampler(Duration interval) {
    this.interval = interval;
    this.sampler = new NamedThreads("stack-sampler").newThread(this::loop);
    sampler.start();
  }

  private void loop() {
    long self = Thread.currentThread().getId();
    while (running.get()) {
      ThreadInfo[] infos = threads.dumpAllThreads(false, false, DEPTH);
      synchronized (this) {
        samples++;
        for (ThreadInfo info : infos) {
          if (info.getThreadId() != self) {
            record(info);
          }
        }
      }
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void record(ThreadInfo info) {
    StackTraceElement[] stack = info.getStackTrace();
    String state = info.getThreadState().name();
    String top = stack.length == 0 ? null : stack[0].getClassName() + "." + stack[0].getMethodName();
    if (info.getThreadState() == Thread.State.RUNNABLE && top != null && WAITING_FRAMES.contains(top)) {
      state = NATIVE_WAIT;
    }
    String group = CpuProfile.group(info.getThreadName());
    states.computeIfAbsent(group, g -> new HashMap<>()).merge(state, 1, Integer::sum);
    if (state.equals("RUNNABLE") && top != null) {
      frames.merge(group + ": " + top + shoalCaller(stack), 1, Integer::sum);
    }
  }

  /** " < io.shoal...method" for the nearest Shoal frame below the top one, or nothing. */
  private static String shoalCaller(StackTraceElement[] stack) {
    for (int i = 1; i < stack.length; i++) {
      if (stack[i].getClassName().startsWith("io.shoal.")) {
        String cls = stack[i].getClassName();
        return " < " + cls.substring(cls.lastIndexOf('.') + 1) + "." + stack[i].getMethodName();
      }
    }
    return "";
  }

  /** Stops sampling and returns what was seen; the {@code topFrames} most frequent running frames. */
  Result stop(int topFrames) throws InterruptedException {
    running.set(false);
    sampler.interrupt();
    sampler.join();
    synchronized (this) {
      List<Map.Entry<String, Integer>> top = frames.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
          .limit(topFrames).map(e -> Map.entry(e.getKey(), e.getValue())).toList();
      Map<String, Map<String, Integer>> copy = new HashMap<>();
      states.forEach((group, counts) -> copy.put(group, Map.copyOf(counts)));
      return new Result(samples, System.nanoTime() - started, copy, top);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (running.get()) {
      stop(0);
    }
  }
}
