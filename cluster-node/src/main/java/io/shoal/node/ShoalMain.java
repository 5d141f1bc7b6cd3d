package io.shoal.node;

import io.shoal.node.cli.ShoalCommand;

/** Entry point of {@code ./shoal}: dispatches to the subcommands. */
public final class ShoalMain {

  private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";
  /** Below this, CompletableFuture gives up on the common pool and starts a new thread for every async callback. */
  private static final int MIN_COMMON_POOL_PARALLELISM = 2;

  private ShoalMain() {}

  public static void main(String[] args) {
    ensureCommonPoolCanRunCallbacks();
    System.exit(ShoalCommand.run(args));
  }

  /**
   * On one or two cores the JVM sizes the common pool at one thread, and CompletableFuture then runs each async
   * stage (including the continuations of Pekko's asks converted from Scala futures) on a thread of its own: two new
   * threads per frame in {@code ./shoal bench}. Must run before anything touches ForkJoinPool; an explicit
   * {@code -D} setting wins.
   */
  private static void ensureCommonPoolCanRunCallbacks() {
    if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
      int parallelism = Math.max(MIN_COMMON_POOL_PARALLELISM, Runtime.getRuntime().availableProcessors() - 1);
      System.setProperty(COMMON_POOL_PARALLELISM, Integer.toString(parallelism));
    }
  }
}
