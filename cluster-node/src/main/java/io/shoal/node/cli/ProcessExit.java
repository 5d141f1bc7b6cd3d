package io.shoal.node.cli;

import io.shoal.observability.Logs;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The process's one JVM shutdown hook: runs the commands' clean-up tasks, newest first (stop the cameras, drain the
 * node, stop the embedded services...), and only then flushes and stops logging, so the last lines of a Ctrl-C or
 * SIGTERM reach the log. Also run on a normal exit, where the tasks have usually run already (they are idempotent).
 */
final class ProcessExit {

  private static final Deque<Runnable> tasks = new ConcurrentLinkedDeque<>();

  private ProcessExit() {}

  static void install() {
    Runtime.getRuntime().addShutdownHook(new Thread(ProcessExit::runAll, "shoal-exit"));
  }

  /** {@code task} runs when the process ends, before tasks registered earlier. It must be idempotent. */
  static void onExit(Runnable task) {
    tasks.push(task);
  }

  static void runAll() {
    Runnable task;
    while ((task = tasks.poll()) != null) {
      try {
        task.run();
      } catch (RuntimeException e) {
        System.err.println("shoal: clean-up failed: " + e);
      }
    }
    Logs.flushAndStop();
  }
}
