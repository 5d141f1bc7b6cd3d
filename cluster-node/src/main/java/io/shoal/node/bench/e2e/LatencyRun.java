package io.shoal.node.bench.e2e;

import java.time.Duration;

/** Frames at a fixed rate for a fixed time; each frame's latency from captured-at to persisted. */
final class LatencyRun {

  /** One rate: what was asked, what was sent, what was persisted and how long it took. */
  record Result(double fraction, double targetRate, FrameProducer.Sent sent, long persisted, LatencySummary latency,
      Duration duration) {}

  private static final long POLL_MILLIS = 50;

  private LatencyRun() {}

  static Result measure(FrameProducer producer, PublishedEvents events, String tag, double fraction,
      double maxRate, E2eSettings.Latency settings, Progress progress) throws InterruptedException {
    double rate = fraction * maxRate;
    progress.say("latency: %.0f %% of %.1f frames/s = %.1f frames/s for %d s", fraction * 100, maxRate, rate,
        settings.duration().toSeconds());
    PublishedEvents.Window window = events.openWindow(tag);
    try {
      FrameProducer.Sent sent = producer.atRate(tag, rate, settings.duration());
      long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
      while (window.persisted() < sent.frames() && System.nanoTime() < deadline) {
        Thread.sleep(POLL_MILLIS);
      }
      progress.say("latency: sent %d at %.1f/s, persisted %d", sent.frames(), sent.rate(), window.persisted());
      return new Result(fraction, rate, sent, window.persisted(), LatencySummary.ofMicros(window.micros.copy()),
          settings.duration());
    } finally {
      events.closeWindow();
    }
  }
}
