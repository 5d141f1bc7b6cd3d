package io.shoal.observability.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The dashboards import into any Grafana: valid JSON, data source chosen at import, never a hard-coded one. */
class DashboardsTest {

  /** A data source reference must be a variable, e.g. {@code ${datasource}}. */
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}");
  /** Grafana's own annotation source is not a Prometheus data source. */
  private static final String GRAFANA_BUILT_IN = "grafana";
  /** Grafana 10.4 writes 39; older numbers would make Grafana migrate the panels on import. */
  private static final int MIN_SCHEMA_VERSION = 39;

  static Stream<String> dashboards() {
    return ObservabilityFiles.DASHBOARDS.stream();
  }

  @Test
  void theFourDashboardsAreThereWithUniqueUidsAndTitles() throws IOException {
    try (Stream<Path> files = Files.list(ObservabilityFiles.GRAFANA)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(ObservabilityFiles.DASHBOARDS);
    }
    Set<String> uids = new HashSet<>();
    Set<String> titles = new HashSet<>();
    for (String name : ObservabilityFiles.DASHBOARDS) {
      JsonNode dashboard = ObservabilityFiles.dashboard(name);
      assertThat(uids.add(dashboard.path("uid").asText())).as("unique uid in %s", name).isTrue();
      assertThat(titles.add(dashboard.path("title").asText())).as("unique title in %s", name).isTrue();
    }
    assertThat(uids).allMatch(uid -> uid.matches("[a-z0-9-]{1,40}"), "a Grafana uid");
  }

  @ParameterizedTest
  @MethodSource("dashboards")
  void declaresTheDataSourceInputAndVariable(String name) throws IOException {
    JsonNode dashboard = ObservabilityFiles.dashboard(name);
    assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(MIN_SCHEMA_VERSION);
    assertThat(dashboard.path("id").isNull()).as("id is null so import creates a new dashboard").isTrue();

    JsonNode input = dashboard.path("__inputs").path(0);
    assertThat(input.path("name").asText()).isEqualTo("DS_PROMETHEUS");
    assertThat(input.path("type").asText()).isEqualTo("datasource");
    assertThat(input.path("pluginId").asText()).isEqualTo("prometheus");

    assertThat(dataSourceVariables(dashboard)).containsExactly("datasource");
    // Every ${DS_...} placeholder must be declared in __inputs, or import leaves it unresolved.
    Set<String> declaredInputs = new HashSet<>();
    dashboard.path("__inputs").forEach(i -> declaredInputs.add(i.path("name").asText()));
    Matcher placeholders = Pattern.compile("\\$\\{(DS_\\w+)}").matcher(dashboard.toString());
    while (placeholders.find()) {
      assertThat(declaredInputs).contains(placeholders.group(1));
    }
  }

  @ParameterizedTest
  @MethodSource("dashboards")
  void everyDataSourceReferenceIsTheVariableNeverAHardCodedUid(String name) throws IOException {
    JsonNode dashboard = ObservabilityFiles.dashboard(name);
    Set<String> variables = new HashSet<>();
    dashboard.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
    List<JsonNode> references = new ArrayList<>();
    collectDataSources(dashboard, references);

    assertThat(references).isNotEmpty();
    for (JsonNode ref : references) {
      if (ref.isObject() && GRAFANA_BUILT_IN.equals(ref.path("type").asText())) {
        continue;
      }
      String uid = ref.isObject() ? ref.path("uid").asText() : ref.asText();
      Matcher variable = VARIABLE.matcher(uid);
      assertThat(variable.matches()).as("data source %s in %s is a ${variable}", ref, name).isTrue();
      assertThat(variables).as("variable of %s in %s", ref, name).contains(variable.group(1));
      if (ref.isObject()) {
        assertThat(ref.path("type").asText()).isEqualTo("prometheus");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dashboards")
  void panelsHaveUniqueIdsTargetsWithExpressionsAndFitTheGrid(String name) throws IOException {
    JsonNode dashboard = ObservabilityFiles.dashboard(name);
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : ObservabilityFiles.allPanels(dashboard)) {
      String title = panel.path("title").asText();
      assertThat(panel.path("id").isInt()).as("numeric id of %s", title).isTrue();
      assertThat(ids.add(panel.path("id").asInt())).as("unique id of %s in %s", title, name).isTrue();
      assertThat(title).isNotBlank();
      JsonNode grid = panel.path("gridPos");
      assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as("%s fits 24 columns", title).isLessThanOrEqualTo(24);
      assertThat(grid.path("h").asInt()).isPositive();
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      assertThat(panel.path("targets")).as("targets of %s", title).isNotEmpty();
      Set<String> refIds = new HashSet<>();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("expr").asText()).as("expr of %s", title).isNotBlank();
        assertThat(refIds.add(target.path("refId").asText())).as("unique refId in %s", title).isTrue();
      }
    }
    assertThat(ids).hasSizeGreaterThanOrEqualTo(4);
  }

  @ParameterizedTest
  @MethodSource("dashboards")
  void panelsDoNotOverlap(String name) throws IOException {
    Map<String, String> cells = new HashMap<>();
    for (JsonNode panel : ObservabilityFiles.allPanels(ObservabilityFiles.dashboard(name))) {
      JsonNode grid = panel.path("gridPos");
      for (int x = grid.path("x").asInt(); x < grid.path("x").asInt() + grid.path("w").asInt(); x++) {
        for (int y = grid.path("y").asInt(); y < grid.path("y").asInt() + grid.path("h").asInt(); y++) {
          String other = cells.put(x + "," + y, panel.path("title").asText());
          assertThat(other).as("%s overlaps another panel in %s", panel.path("title").asText(), name).isNull();
        }
      }
    }
  }

  private static List<String> dataSourceVariables(JsonNode dashboard) {
    List<String> names = new ArrayList<>();
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if (variable.path("type").asText().equals("datasource")) {
        assertThat(variable.path("query").asText()).isEqualTo("prometheus");
        names.add(variable.path("name").asText());
      }
    }
    return names;
  }

  private static void collectDataSources(JsonNode node, List<JsonNode> into) {
    if (node.isObject()) {
      node.properties().forEach(field -> {
        if (field.getKey().equals("datasource")) {
          into.add(field.getValue());
        } else {
          collectDataSources(field.getValue(), into);
        }
      });
    } else if (node.isArray()) {
      node.forEach(child -> collectDataSources(child, into));
    }
  }
}
