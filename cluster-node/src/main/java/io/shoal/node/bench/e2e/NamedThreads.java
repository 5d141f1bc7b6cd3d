package io.shoal.node.bench.e2e;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads named {@code bench-<prefix>-N}: the bench's own threads, recognisable in its CPU profile. */
final class NamedThreads implements ThreadFactory {

  static final String PREFIX = "bench-";

  private final String prefix;
  private final AtomicInteger next = new AtomicInteger(1);

  NamedThreads(String prefix) {
    this.prefix = PREFIX + prefix;
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new Thread(task, prefix + "-" + next.getAndIncrement());
    thread.setDaemon(true);
    return thread;
  }
}
