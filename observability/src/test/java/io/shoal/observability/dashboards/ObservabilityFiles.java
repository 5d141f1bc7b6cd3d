package io.shoal.observability.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where the dashboards and rules of this module are, and readers for them (tests run in the module directory). */
final class ObservabilityFiles {

  static final Path DIR = Path.of("").toAbsolutePath();
  static final Path GRAFANA = DIR.resolve("grafana");
  static final Path PROMETHEUS = DIR.resolve("prometheus");
  static final Path ALERT_RULES = PROMETHEUS.resolve("shoal-alerts.yml");
  static final Path ALERT_RULE_TESTS = PROMETHEUS.resolve("shoal-alerts.test.yml");
  static final List<String> DASHBOARDS = List.of("overview.json", "inference.json", "cluster-kafka.json", "http.json");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ObservabilityFiles() {}

  static JsonNode json(Path file) throws IOException {
    return JSON.readTree(Files.readString(file));
  }

  static JsonNode yaml(Path file) throws IOException {
    return YAML.readTree(Files.readString(file));
  }

  static JsonNode dashboard(String name) throws IOException {
    return json(GRAFANA.resolve(name));
  }

  /** Every panel of a dashboard, rows and the panels a collapsed row holds included. */
  static List<JsonNode> allPanels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      panels.add(panel);
      panel.path("panels").forEach(panels::add);
    }
    return panels;
  }
}
