package io.shoal.node;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/** Retries an assertion until it passes or the patience runs out, then rethrows its last failure. */
public final class Eventually {

  private static final Duration PAUSE = Duration.ofMillis(200);

  private Eventually() {}

  public interface Check {
    void run() throws Exception;
  }

  public static void within(Duration patience, Check check) throws Exception {
    Instant deadline = Instant.now().plus(patience);
    while (true) {
      try {
        check.run();
        return;
      } catch (AssertionError | Exception e) {
        if (Instant.now().isAfter(deadline)) {
          throw e;
        }
        Thread.sleep(PAUSE.toMillis());
      }
    }
  }

  /** Polls {@code condition} until it holds; fails naming {@code what} when {@code patience} runs out. */
  public static void until(String what, Duration patience, Callable<Boolean> condition) throws Exception {
    within(patience, () -> {
      if (!condition.call()) {
        throw new AssertionError("not within " + patience + ": " + what);
      }
    });
  }
}
