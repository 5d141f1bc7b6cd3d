package io.shoal.observability.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricReferencesTest {

  @TempDir
  Path dir;

  @Test
  void readsPanelsNestedRowsAnnotationsTemplatingAndRulesButNotRecordedNamesOrPromtoolTests() throws IOException {
    Files.createDirectories(dir.resolve("grafana/more"));
    Files.createDirectories(dir.resolve("prometheus"));
    Files.writeString(dir.resolve("grafana/a.json"), """
        {
          "annotations": {"list": [{"expr": "changes(deploys_total[1m]) > 0"}]},
          "panels": [
            {"type": "timeseries", "targets": [{"refId": "A", "expr": "rate(panel_total[5m])"}]},
            {"type": "row", "collapsed": true, "panels": [
              {"type": "stat", "targets": [{"refId": "A", "expr": "sum(in_collapsed_row)"}]}
            ]}
          ],
          "templating": {"list": [
            {"name": "datasource", "type": "datasource", "query": "prometheus"},
            {"name": "interval", "type": "interval", "query": "1m,5m"},
            {"name": "job", "type": "query", "query": {"query": "label_values(templated_object{a=\\"b,c\\"}, job)"}},
            {"name": "node", "type": "query", "query": "label_values(templated_string, instance)"},
            {"name": "label", "type": "query", "query": "label_values(instance)"},
            {"name": "result", "type": "query", "query": "query_result(topk(3, via_query_result))"}
          ]}
        }
        """);
    Files.writeString(dir.resolve("grafana/more/b.json"), """
        {"panels": [{"targets": [{"expr": "up == 0 or deeper_gauge"}]}]}
        """);
    Files.writeString(dir.resolve("prometheus/rules.yml"), """
        groups:
          - name: g
            rules:
              - record: job:panel:rate5m
                expr: sum by (job) (rate(recorded_from_total[5m]))
              - alert: A
                expr: job:panel:rate5m > 0 and on(job) alert_input > 1
        """);
    Files.writeString(dir.resolve("prometheus/rules.test.yml"), """
        rule_files: [rules.yml]
        tests:
          - input_series: [{series: 'only_in_a_test{a="b"}', values: '1'}]
            promql_expr_test: [{expr: only_in_a_test_expr, eval_time: 0m}]
        """);

    assertThat(MetricReferences.load(dir)).containsExactly(
        "alert_input", "deeper_gauge", "deploys_total", "in_collapsed_row", "panel_total", "recorded_from_total",
        "templated_object", "templated_string", "via_query_result");
  }

  @Test
  void aDirectoryWithoutDashboardsOrRulesIsAnError() {
    assertThatThrownBy(() -> MetricReferences.load(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no dashboards");
  }

  @Test
  void anUnparsableDashboardIsAnError() throws IOException {
    Files.createDirectories(dir.resolve("grafana"));
    Files.writeString(dir.resolve("grafana/broken.json"), "{\"panels\": [");
    assertThatThrownBy(() -> MetricReferences.load(dir))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("broken.json");
  }

  @Test
  void theModuleDashboardsAndRulesReferenceTheShoalMetricsAndNothingSynthesized() {
    var names = MetricReferences.load(ObservabilityFiles.DIR);
    assertThat(names)
        .contains("shoal_ingest_frames_accepted_total", "shoal_inference_queue_time_seconds_bucket",
            "shoal_kafka_consumer_lag", "shoal_pens_by_health", "shoal_http_request_duration_seconds_bucket",
            "shoal_inference_model_loaded", "shoal_cluster_unreachable")
        .doesNotContainAnyElementsOf(MetricReferences.PROMETHEUS_SYNTHESIZED)
        .allMatch(name -> name.matches("[a-zA-Z_][a-zA-Z0-9_]*"), "a valid exported metric name");
  }
}
