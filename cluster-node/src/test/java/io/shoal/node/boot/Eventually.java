package io.shoal.node.boot;

import java.time.Duration;
import java.time.Instant;

/** Retries an assertion until it passes or the patience runs out, then rethrows its last failure. */
final class Eventually {

  private static final Duration PAUSE = Duration.ofMillis(200);

  private Eventually() {}

  interface Check {
    void run() throws Exception;
  }

  static void within(Duration patience, Check check) throws Exception {
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
}
