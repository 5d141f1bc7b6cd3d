package io.shoal.observability.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlMetricNamesTest {

  @Test
  void aggregationWithGroupingAndRangeReadsOnlyTheMetric() {
    assertThat(MetricReferences.inExpression(
        "histogram_quantile(0.95, sum by (route, le) (rate(shoal_http_request_duration_seconds_bucket"
            + "{job=\"$job\", route=~\"/api/.*\"}[$__rate_interval])))"))
        .containsExactly("shoal_http_request_duration_seconds_bucket");
  }

  @Test
  void groupingAfterTheAggregatedExpressionAndUpperCaseKeywords() {
    assertThat(MetricReferences.inExpression("sum(rate(a_total[5m])) by (instance) / SUM BY (le) (b_bucket)"))
        .containsExactly("a_total", "b_bucket");
  }

  @Test
  void vectorMatchingLabelListsAreNotMetrics() {
    assertThat(MetricReferences.inExpression(
        "a / on(instance, job) group_left(model) b * ignoring (device) group_right c + without_label_metric"))
        .containsExactly("a", "b", "c", "without_label_metric");
  }

  @Test
  void setOperatorsBoolOffsetAtAndSubqueries() {
    assertThat(MetricReferences.inExpression(
        "deriv(x[10m:1m]) > bool 0 and y offset 5m unless z @ start() or w @ 1609746000 AND v > Inf"))
        .containsExactly("v", "w", "x", "y", "z");
  }

  @Test
  void numbersDurationsAndHexAreNotMetrics() {
    assertThat(MetricReferences.inExpression("1e-3 * x + 0x1F - 1h30m + .5 * y[1h30m]"))
        .containsExactly("x", "y");
  }

  @Test
  void stringsAndLabelMatchersAreNotMetrics() {
    assertThat(MetricReferences.inExpression(
        "label_replace(x{a=\"}{ not_a_metric\", b!='it\\'s', c=~`q{r}`}, \"dst\", \"$1\", \"src\", \"(.*)\")"
            + " + count_values(\"version\", build_info) + topk(5, y)"))
        .containsExactly("build_info", "x", "y");
  }

  @Test
  void nameMatcherNamesTheMetric() {
    assertThat(MetricReferences.inExpression("{__name__=\"foo_total\", job=\"j\"} + {__name__=~\"bar.*\"}"))
        .containsExactly("foo_total");
  }

  @Test
  void recordingRuleNamesWithColonsAndAbsentArguments() {
    assertThat(MetricReferences.inExpression("job:requests:rate5m > 0 or absent(missing_metric)"))
        .containsExactly("job:requests:rate5m", "missing_metric");
  }

  @Test
  void grafanaVariablesAndCommentsAreSkipped() {
    assertThat(MetricReferences.inExpression("x * $scale + ${factor} # y is only mentioned here\n + z"))
        .containsExactly("x", "z");
  }

  @Test
  void prometheusSynthesizedSeriesAreLeftOut() {
    assertThat(MetricReferences.inExpression("up{job=\"shoal\"} == 0 or ALERTS{alertstate=\"firing\"} or q"))
        .containsExactly("q");
    assertThat(PromQlMetricNames.of("up == 0")).containsExactly("up");
  }
}
