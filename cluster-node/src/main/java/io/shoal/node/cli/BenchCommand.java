package io.shoal.node.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.shoal.node.bench.e2e.E2eBenchmark;
import io.shoal.node.bench.e2e.E2eReport;
import io.shoal.node.bench.e2e.E2eSettings;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shoal bench}: the end-to-end benchmark report (ceiling, pipeline throughput and latency, HTTP, SSE, idle
 * pens) on embedded PostgreSQL and Kafka with the real model, as BENCHMARKS.md-ready markdown on stdout (and in
 * {@code --output}). Options override {@code shoal.bench.e2e}; the node's own settings come from its usual
 * configuration and environment (e.g. SHOAL_INFERENCE_WORKERS).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"End-to-end benchmark on embedded PostgreSQL + Kafka with the real model (about 6 minutes; "
        + "--quick about 2).", "Prints BENCHMARKS.md-ready markdown on stdout; progress goes to stderr."})
public final class BenchCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--quick", description = "Small samples (config: shoal.bench.e2e.quick), for trying it out.")
  boolean quick;

  @Option(names = "--output", description = "Also write the report to this file, e.g. BENCHMARKS.md.")
  Path output;

  @Option(names = "--pens", description = "Pens the frames are spread over (config: pens).")
  Integer pens;

  @Option(names = "--frames", description = "Frames timed for the throughput (config: pipeline.frames).")
  Integer frames;

  @Option(names = "--sse-subscribers", description = "SSE streams opened (config: sse.subscribers).")
  Integer sseSubscribers;

  @Option(names = "--idle-pens", description = "Pens started for the memory figure (config: idle-pens.count).")
  Integer idlePens;

  @Option(names = "--http-concurrency", description = "Requests in flight for GET /pens/{id} (config: "
      + "http.concurrency).")
  Integer httpConcurrency;

  @Override
  public Integer call() throws Exception {
    E2eBenchmark bench = new E2eBenchmark(options(), quick, command(), System.err);
    ProcessExit.onExit(bench::close); // Ctrl-C
    E2eReport report;
    PrintStream stdout = System.out;
    // Libraries print a line now and then (pekko-projection on stop): stdout is kept for the report alone.
    System.setOut(System.err);
    try {
      report = bench.run();
    } finally {
      bench.close();
      System.setOut(stdout);
    }
    String markdown = String.join(System.lineSeparator(), report.lines()) + System.lineSeparator();
    if (output != null) {
      Files.writeString(output, markdown, StandardCharsets.UTF_8);
      System.err.println("shoal bench: report written to " + output);
    }
    System.out.print(markdown);
    System.out.flush();
    return 0;
  }

  /** The options given, as config over everything else. */
  private Config options() {
    Map<String, Object> given = new HashMap<>();
    put(given, quick ? "quick.pens" : "pens", pens);
    put(given, quick ? "quick.pipeline.frames" : "pipeline.frames", frames);
    put(given, quick ? "quick.sse.subscribers" : "sse.subscribers", sseSubscribers);
    put(given, quick ? "quick.idle-pens.count" : "idle-pens.count", idlePens);
    put(given, quick ? "quick.http.concurrency" : "http.concurrency", httpConcurrency);
    return ConfigFactory.parseMap(given);
  }

  private static void put(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(E2eSettings.CONFIG_PATH + "." + key, value);
    }
  }

  /** This command line, as the report's way to reproduce the run. */
  private String command() {
    String javaOpts = System.getenv("SHOAL_JAVA_OPTS");
    StringBuilder line = new StringBuilder();
    if (javaOpts != null && !javaOpts.isBlank()) {
      line.append("SHOAL_JAVA_OPTS='").append(javaOpts).append("' ");
    }
    line.append("./shoal bench");
    // The parse result holds the whole command line, "bench" and anything before it included.
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    for (String arg : args.subList(args.indexOf(spec.name()) + 1, args.size())) {
      line.append(' ').append(arg);
    }
    return line.toString();
  }
}
