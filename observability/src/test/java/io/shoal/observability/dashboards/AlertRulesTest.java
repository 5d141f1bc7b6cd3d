package io.shoal.observability.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rules file has exactly the structure Prometheus loads (a strict check that needs no promtool), holds the alerts
 * operators rely on, and each alert is proven to fire by the promtool unit tests.
 */
class AlertRulesTest {

  private static final Set<String> REQUIRED_ALERTS = Set.of(
      "ShoalHttpErrorRatioHigh", "ShoalHttpLatencyP95High", "ShoalConsumerLagGrowing", "ShoalInferenceOverloaded",
      "ShoalPenCritical", "ShoalNodeDown", "ShoalModelNotLoaded");
  private static final Set<String> RULE_KEYS = Set.of("alert", "expr", "for", "keep_firing_for", "labels", "annotations");
  private static final Set<String> GROUP_KEYS = Set.of("name", "interval", "limit", "rules");
  private static final Set<String> SEVERITIES = Set.of("warning", "critical");
  private static final String DURATION = "([0-9]+(ms|s|m|h|d|w|y))+";

  @Test
  void everyGroupAndAlertHasTheStructurePrometheusLoads() throws IOException {
    JsonNode file = ObservabilityFiles.yaml(ObservabilityFiles.ALERT_RULES);
    assertThat(fieldNames(file)).containsExactly("groups");
    assertThat(file.path("groups")).isNotEmpty();

    Set<String> groupNames = new HashSet<>();
    Set<String> alertNames = new HashSet<>();
    for (JsonNode group : file.path("groups")) {
      String groupName = group.path("name").asText();
      assertThat(GROUP_KEYS).as("keys of group %s", groupName).containsAll(fieldNames(group));
      assertThat(groupNames.add(groupName)).as("unique non-blank group name %s", groupName).isTrue();
      assertThat(groupName).isNotBlank();
      assertThat(group.path("rules").isArray() && !group.path("rules").isEmpty()).as("rules of %s", groupName).isTrue();
      for (JsonNode rule : group.path("rules")) {
        String alert = rule.path("alert").asText();
        assertThat(alert).as("alert name in %s", groupName).matches("[A-Z][A-Za-z0-9]*");
        assertThat(alertNames.add(alert)).as("unique alert %s", alert).isTrue();
        assertThat(RULE_KEYS).as("keys of %s", alert).containsAll(fieldNames(rule));
        assertThat(rule.path("expr").isTextual() && !rule.path("expr").asText().isBlank()).as("expr of %s", alert).isTrue();
        assertThat(rule.path("for").asText()).as("for of %s", alert).matches(DURATION);
        assertThat(rule.path("labels").path("severity").asText()).as("severity of %s", alert).isIn(SEVERITIES);
        assertThat(rule.path("annotations").path("summary").asText()).as("summary of %s", alert).isNotBlank();
        assertThat(rule.path("annotations").path("description").asText()).as("description of %s", alert).isNotBlank();
      }
    }
    assertThat(alertNames).containsAll(REQUIRED_ALERTS);
  }

  @Test
  void theUnitTestsProveEveryAlertFires() throws IOException {
    JsonNode rules = ObservabilityFiles.yaml(ObservabilityFiles.ALERT_RULES);
    Set<String> alerts = new HashSet<>();
    rules.path("groups").forEach(g -> g.path("rules").forEach(r -> alerts.add(r.path("alert").asText())));

    JsonNode tests = ObservabilityFiles.yaml(ObservabilityFiles.ALERT_RULE_TESTS);
    assertThat(tests.path("rule_files").get(0).asText()).isEqualTo(ObservabilityFiles.ALERT_RULES.getFileName().toString());
    Set<String> proven = new HashSet<>();
    for (JsonNode test : tests.path("tests")) {
      for (JsonNode check : test.path("alert_rule_test")) {
        if (!check.path("exp_alerts").isEmpty()) {
          proven.add(check.path("alertname").asText());
        }
      }
    }
    assertThat(proven).containsExactlyInAnyOrderElementsOf(alerts);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
