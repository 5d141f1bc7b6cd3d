package io.shoal.observability.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus's own checker on the rules and on every dashboard expression. promtool comes from Debian's
 * {@code prometheus} package; without it these tests are skipped, unless {@code SHOAL_REQUIRE_PROMTOOL=1} (CI sets
 * it), which turns its absence into a failure.
 */
class PromtoolTest {

  private static final String REQUIRE_ENV = "SHOAL_REQUIRE_PROMTOOL";
  private static final long TIMEOUT_SECONDS = 60;

  private Path promtool;

  @TempDir
  Path tmp;

  // Per test rather than per class, so that each skipped test is reported with the reason.
  @BeforeEach
  void findPromtool() {
    Optional<Path> found = onPath("promtool");
    if (found.isEmpty()) {
      if ("1".equals(System.getenv(REQUIRE_ENV))) {
        fail(REQUIRE_ENV + "=1 but promtool is not on PATH (apt-get install --no-install-recommends prometheus)");
      }
      Assumptions.abort("promtool is not on PATH: rule checks skipped (install Debian's prometheus package, or set "
          + REQUIRE_ENV + "=1 to make this a failure)");
    }
    promtool = found.get();
  }

  @Test
  void checkRulesAcceptsTheAlertRules() throws Exception {
    Result result = promtool(ObservabilityFiles.PROMETHEUS, "check", "rules", "shoal-alerts.yml");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void theAlertUnitTestsPass() throws Exception {
    Result result = promtool(ObservabilityFiles.PROMETHEUS, "test", "rules", "shoal-alerts.test.yml");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void everyDashboardExpressionIsValidPromQl() throws Exception {
    // Each expression becomes a recording rule, Grafana's variables replaced by values of the right type.
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
    List<String> exprs = MetricReferences.expressions(ObservabilityFiles.DIR);
    for (int i = 0; i < exprs.size(); i++) {
      rules.append("      - record: dashboard:expr").append(i).append('\n')
          .append("        expr: '").append(withGrafanaVariablesReplaced(exprs.get(i)).replace("'", "''")).append("'\n");
    }
    Files.writeString(tmp.resolve("dashboards.yml"), rules);

    Result result = promtool(tmp, "check", "rules", "dashboards.yml");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS: " + exprs.size() + " rules found");
  }

  @Test
  void checkRulesRefusesABrokenRule() throws Exception {
    Files.writeString(tmp.resolve("broken.yml"), """
        groups:
          - name: broken
            rules:
              - alert: Broken
                expr: sum by (job (rate(x[5m]))
                for: 5m
        """);
    Result result = promtool(tmp, "check", "rules", "broken.yml");
    assertThat(result.exitCode()).as(result.output()).isNotZero();
  }

  static String withGrafanaVariablesReplaced(String expr) {
    return expr.replace("$__rate_interval", "5m")
        .replace("$__interval", "1m")
        .replace("$__range", "1h")
        .replaceAll("\\$\\{?\\w+}?", "x");
  }

  private record Result(int exitCode, String output) {}

  private Result promtool(Path workDir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(promtool.toString());
    command.addAll(List.of(args));
    // Output to a file, not a pipe: a long report could fill the pipe and stall promtool.
    Path output = Files.createTempFile("promtool", ".out");
    try {
      Process process = new ProcessBuilder(command).directory(workDir.toFile())
          .redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("promtool " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + " s");
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static Optional<Path> onPath(String executable) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, executable);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
