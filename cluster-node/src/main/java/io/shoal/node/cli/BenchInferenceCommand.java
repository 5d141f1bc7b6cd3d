package io.shoal.node.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.shoal.node.bench.BenchReport;
import io.shoal.node.bench.BenchSettings;
import io.shoal.node.bench.InferenceBenchmark;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code shoal bench-inference}: prints a throughput report (raw ONNX Runtime vs the inference actors). Options
 * override {@code shoal.bench.inference} in config; thread counts come from {@code shoal.inference} (env vars such
 * as SHOAL_INFERENCE_WORKERS).
 */
@Command(name = "bench-inference", mixinStandardHelpOptions = true,
    description = {"Benchmark raw ONNX Runtime against the inference actors.",
        "Prints a report whose last line is `ratio actors/raw @ batch N: X.XX`."})
public final class BenchInferenceCommand implements Callable<Integer> {

  /** The config the options are laid over, loaded only when the command runs. */
  private final Supplier<Config> base;

  public BenchInferenceCommand() {
    this(ConfigFactory::load);
  }

  /** For tests: {@code base} instead of the usual config (application.conf, system properties, environment). */
  BenchInferenceCommand(Supplier<Config> base) {
    this.base = base;
  }

  @Option(names = "--frames", description = "Distinct frames rendered and cycled through (config: frames).")
  Integer frames;

  @Option(names = "--seed", description = "Set seed of the frames (config: seed).")
  Long seed;

  @Option(names = "--warm-up", description = "Images per path and batch size before timing (config: warm-up).")
  Integer warmUp;

  @Option(names = "--repetitions", description = "Timed passes per measurement; the median is shown.")
  Integer repetitions;

  @Option(names = "--batch-sizes", split = ",", description = "Comma-separated, e.g. 1,8,32 (config: batch-sizes).")
  List<Integer> batchSizes;

  @Option(names = "--max-batch-delay", description = "The actors' max-batch-delay, e.g. 100ms (config: max-batch-delay).")
  String maxBatchDelay;

  @Option(names = "--in-flight", description = "Unanswered requests the load keeps at once (config: in-flight).")
  Integer inFlight;

  @Override
  public Integer call() throws Exception {
    BenchReport report = InferenceBenchmark.run(config(), System.err);
    System.out.flush();
    report.lines().forEach(System.out::println);
    return 0;
  }

  /** The options given, laid over the base config, so one parser validates both. */
  Config config() {
    Map<String, Object> given = new HashMap<>();
    put(given, "frames", frames);
    put(given, "seed", seed);
    put(given, "warm-up", warmUp);
    put(given, "repetitions", repetitions);
    put(given, "batch-sizes", batchSizes);
    put(given, "max-batch-delay", maxBatchDelay);
    put(given, "in-flight", inFlight);
    return ConfigFactory.parseMap(given).withFallback(base.get()).resolve();
  }

  private static void put(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(BenchSettings.CONFIG_PATH + "." + key, value);
    }
  }
}
