package io.shoal.node.bench;

import java.util.List;

/** The live threads of the benchmark's actor systems (Pekko names each thread after its system). */
final class BenchThreads {

  private BenchThreads() {}

  /**
   * Names of live threads starting with {@link ActorRun#SYSTEM_NAME}, once none is left or after 10 s: a terminated
   * system's dispatchers let their last threads exit just after {@code whenTerminated} completes.
   */
  static List<String> lingering() throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    List<String> names = live();
    while (!names.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      names = live();
    }
    return names;
  }

  private static List<String> live() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith(ActorRun.SYSTEM_NAME))
        .toList();
  }
}
