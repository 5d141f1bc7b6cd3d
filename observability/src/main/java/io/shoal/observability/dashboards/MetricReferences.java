package io.shoal.observability.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The metric names that the Grafana dashboards ({@code grafana/*.json}) and the Prometheus rule files
 * ({@code prometheus/*.yml} with a top-level {@code groups}) under the observability directory reference, in their
 * exported (Prometheus) form. A whole-node test compares them with a scrape of {@code /metrics}: every panel and alert
 * must read a series a node really exports. Series Prometheus makes itself ({@code up}, {@code ALERTS}, ...) and the
 * outputs of recording rules are left out.
 */
public final class MetricReferences {

  /** Series Prometheus synthesizes per scrape target or from rule evaluation; no node exports them. */
  public static final Set<String> PROMETHEUS_SYNTHESIZED = Set.of(
      "up", "ALERTS", "ALERTS_FOR_STATE", "scrape_duration_seconds", "scrape_samples_scraped",
      "scrape_samples_post_metric_relabeling", "scrape_series_added", "scrape_timeout_seconds",
      "scrape_sample_limit", "scrape_body_size_bytes");

  private static final String GRAFANA_LABEL_VALUES = "label_values(";
  private static final String GRAFANA_QUERY_RESULT = "query_result(";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private MetricReferences() {}

  /**
   * Every metric referenced by the dashboards and rules under {@code observabilityDir} (the {@code observability}
   * module directory), sorted.
   *
   * @throws IllegalArgumentException when the directory holds no dashboard and no rule file
   * @throws UncheckedIOException when a file cannot be read or parsed
   */
  public static Set<String> load(Path observabilityDir) {
    Sources sources = Sources.read(observabilityDir);
    Set<String> names = new TreeSet<>();
    for (String expr : sources.expressions()) {
      names.addAll(inExpression(expr));
    }
    names.removeAll(sources.recordedNames());
    return Collections.unmodifiableSet(names);
  }

  /** The metric names one PromQL expression selects, without those Prometheus synthesizes. */
  public static Set<String> inExpression(String promql) {
    Set<String> names = new TreeSet<>(PromQlMetricNames.of(promql));
    names.removeAll(PROMETHEUS_SYNTHESIZED);
    return names;
  }

  /** Every PromQL expression of the dashboards and rule files (templating queries reduced to their PromQL). */
  static List<String> expressions(Path observabilityDir) {
    return Sources.read(observabilityDir).expressions();
  }

  /** The parsed dashboards and rule files, each read once. */
  private record Sources(List<JsonNode> dashboards, List<JsonNode> ruleFiles) {

    static Sources read(Path observabilityDir) {
      List<JsonNode> dashboards = files(observabilityDir.resolve("grafana"), ".json").stream()
          .map(file -> MetricReferences.read(JSON, file))
          .toList();
      // Rule files are the YAML files with a top-level groups; promtool test files have none.
      List<JsonNode> ruleFiles = Stream.of(".yml", ".yaml")
          .flatMap(ext -> files(observabilityDir.resolve("prometheus"), ext).stream())
          .map(file -> MetricReferences.read(YAML, file))
          .filter(yaml -> yaml.has("groups"))
          .toList();
      if (dashboards.isEmpty() && ruleFiles.isEmpty()) {
        throw new IllegalArgumentException("no dashboards (grafana/*.json) or rule files (prometheus/*.yml) under "
            + observabilityDir.toAbsolutePath());
      }
      return new Sources(dashboards, ruleFiles);
    }

    List<String> expressions() {
      List<String> exprs = new ArrayList<>();
      dashboards.forEach(dashboard -> exprs.addAll(dashboardExpressions(dashboard)));
      rules().forEach(rule -> exprs.add(rule.path("expr").asText()));
      return exprs;
    }

    /** Names the recording rules define: Prometheus computes them, so they are no node's export. */
    Set<String> recordedNames() {
      Set<String> recorded = new HashSet<>();
      for (JsonNode rule : rules()) {
        if (rule.hasNonNull("record")) {
          recorded.add(rule.get("record").asText());
        }
      }
      return recorded;
    }

    private List<JsonNode> rules() {
      List<JsonNode> rules = new ArrayList<>();
      for (JsonNode ruleFile : ruleFiles) {
        for (JsonNode group : ruleFile.path("groups")) {
          group.path("rules").forEach(rules::add);
        }
      }
      return rules;
    }
  }

  /** Panel and annotation {@code expr}s anywhere in the dashboard (rows nest panels), and templating queries. */
  static List<String> dashboardExpressions(JsonNode dashboard) {
    List<String> exprs = new ArrayList<>();
    collectExprFields(dashboard, exprs);
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if ("query".equals(variable.path("type").asText())) {
        JsonNode query = variable.path("query");
        String text = query.isObject() ? query.path("query").asText() : query.asText();
        templatingPromQl(text).ifPresent(exprs::add);
      }
    }
    return exprs;
  }

  private static void collectExprFields(JsonNode node, List<String> exprs) {
    if (node.isObject()) {
      node.properties().forEach(field -> {
        if (field.getKey().equals("expr") && field.getValue().isTextual()) {
          exprs.add(field.getValue().asText());
        } else {
          collectExprFields(field.getValue(), exprs);
        }
      });
    } else if (node.isArray()) {
      node.forEach(child -> collectExprFields(child, exprs));
    }
  }

  /**
   * The PromQL inside a Grafana Prometheus variable query: {@code label_values(selector, label)} reads the selector,
   * {@code label_values(label)}, {@code label_names()} and {@code metrics(regex)} read no metric, {@code
   * query_result(expr)} reads the expression.
   */
  static Optional<String> templatingPromQl(String query) {
    String q = query.strip();
    if (q.startsWith(GRAFANA_LABEL_VALUES) && q.endsWith(")")) {
      String args = q.substring(GRAFANA_LABEL_VALUES.length(), q.length() - 1);
      int comma = lastTopLevelComma(args);
      return comma < 0 ? Optional.empty() : Optional.of(args.substring(0, comma));
    }
    if (q.startsWith(GRAFANA_QUERY_RESULT) && q.endsWith(")")) {
      return Optional.of(q.substring(GRAFANA_QUERY_RESULT.length(), q.length() - 1));
    }
    return Optional.empty();
  }

  private static int lastTopLevelComma(String args) {
    int depth = 0;
    int last = -1;
    char quote = 0;
    for (int i = 0; i < args.length(); i++) {
      char c = args.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'' || c == '`') {
        quote = c;
      } else if (c == '(' || c == '{' || c == '[') {
        depth++;
      } else if (c == ')' || c == '}' || c == ']') {
        depth--;
      } else if (c == ',' && depth == 0) {
        last = i;
      }
    }
    return last;
  }

  private static List<Path> files(Path dir, String extension) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(extension))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(ObjectMapper mapper, Path file) {
    try {
      JsonNode node = mapper.readTree(file.toFile());
      if (node == null || node.isMissingNode()) {
        throw new IOException("empty file");
      }
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
