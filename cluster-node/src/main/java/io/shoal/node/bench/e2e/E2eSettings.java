package io.shoal.node.bench.e2e;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;

/** What {@code shoal bench} runs, read from {@code shoal.bench.e2e} (see reference.conf); {@code quick} on top. */
public record E2eSettings(int distinctFrames, long seed, int pens, int camerasPerPen, int partitions,
    Ceiling ceiling, Pipeline pipeline, Latency latency, Http http, Sse sse, IdlePens idlePens, Profile profile,
    Config nodeOverrides, boolean quick) {

  public static final String CONFIG_PATH = "shoal.bench.e2e";

  public record Ceiling(int frames, int warmUp, int repetitions) {}

  public record Pipeline(int warmUpFrames, int frames, Duration timeout, double targetRatio) {}

  public record Latency(List<Double> rateFractions, Duration duration, Duration drainTimeout) {}

  public record Http(int concurrency, Duration warmUp, Duration duration) {}

  public record Sse(int subscribers, double rateFraction, Duration duration, Duration connectTimeout) {}

  public record IdlePens(int count, int parallelism, Duration timeout) {}

  public record Profile(Duration sampleInterval, int topFrames) {}

  public E2eSettings {
    require(distinctFrames >= 1, "distinct-frames must be at least 1");
    require(pens >= 1 && camerasPerPen >= 1 && partitions >= 1, "pens, cameras-per-pen and partitions must be >= 1");
    require(ceiling.frames() >= 1 && ceiling.repetitions() >= 1 && ceiling.warmUp() >= 0, "ceiling sizes");
    require(pipeline.frames() >= 1 && pipeline.warmUpFrames() >= pens,
        "pipeline.frames must be >= 1 and warm-up-frames >= pens (every pen starts during the warm-up)");
    require(!latency.rateFractions().isEmpty()
        && latency.rateFractions().stream().allMatch(f -> f > 0 && f <= 1), "latency.rate-fractions in (0, 1]");
    require(http.concurrency() >= 1, "http.concurrency must be >= 1");
    require(sse.subscribers() >= 1 && sse.rateFraction() > 0 && sse.rateFraction() <= 1, "sse sizes");
    require(idlePens.count() >= 1 && idlePens.parallelism() >= 1, "idle-pens sizes");
    require(!profile.sampleInterval().isZero() && !profile.sampleInterval().isNegative(), "profile.sample-interval");
    latency = new Latency(List.copyOf(latency.rateFractions()), latency.duration(), latency.drainTimeout());
  }

  /** {@code root}'s {@code shoal.bench.e2e}, with its {@code quick} block laid over it when {@code quick}. */
  public static E2eSettings fromConfig(Config root, boolean quick) {
    Config full = root.getConfig(CONFIG_PATH);
    Config c = quick ? full.getConfig("quick").withFallback(full) : full;
    return new E2eSettings(c.getInt("distinct-frames"), c.getLong("seed"), c.getInt("pens"),
        c.getInt("cameras-per-pen"), c.getInt("partitions"),
        new Ceiling(c.getInt("ceiling.frames"), c.getInt("ceiling.warm-up"), c.getInt("ceiling.repetitions")),
        new Pipeline(c.getInt("pipeline.warm-up-frames"), c.getInt("pipeline.frames"),
            c.getDuration("pipeline.timeout"), c.getDouble("pipeline.target-ratio")),
        new Latency(c.getDoubleList("latency.rate-fractions"), c.getDuration("latency.duration"),
            c.getDuration("latency.drain-timeout")),
        new Http(c.getInt("http.concurrency"), c.getDuration("http.warm-up"), c.getDuration("http.duration")),
        new Sse(c.getInt("sse.subscribers"), c.getDouble("sse.rate-fraction"), c.getDuration("sse.duration"),
            c.getDuration("sse.connect-timeout")),
        new IdlePens(c.getInt("idle-pens.count"), c.getInt("idle-pens.parallelism"),
            c.getDuration("idle-pens.timeout")),
        new Profile(c.getDuration("profile.sample-interval"), c.getInt("profile.top-frames")),
        c.getConfig("node-overrides"), quick);
  }

  /** Pen {@code i} of the bench (0-based). */
  public String penId(int i) {
    return "bench-pen-" + (i + 1);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(CONFIG_PATH + ": " + message);
    }
  }
}
