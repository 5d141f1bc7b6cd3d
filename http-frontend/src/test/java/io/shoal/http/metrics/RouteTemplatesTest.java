package io.shoal.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTemplatesTest {

  private final RouteTemplates routes = RouteTemplates.of(List.of(
      "/api/v1/pens",
      "/api/v1/pens/{penId}",
      "/api/v1/pens/{penId}/history",
      "/api/v1/pens/{penId}/events",
      "/api/v1/alerts/{alertId}/ack",
      "/api/v1/metrics/performance",
      "/api/v1/{anything}/performance"));

  @Test
  void rawPathsMapToTheirTemplateSoPenIdsNeverBecomeLabelValues() {
    assertThat(routes.templateOf("/api/v1/pens")).isEqualTo("/api/v1/pens");
    assertThat(routes.templateOf("/api/v1/pens/")).isEqualTo("/api/v1/pens");
    assertThat(routes.templateOf("/api/v1/pens/pen-7")).isEqualTo("/api/v1/pens/{penId}");
    assertThat(routes.templateOf("/api/v1/pens/pen-7/history")).isEqualTo("/api/v1/pens/{penId}/history");
    assertThat(routes.templateOf("/api/v1/pens/pen-8/events")).isEqualTo("/api/v1/pens/{penId}/events");
    assertThat(routes.templateOf("/api/v1/alerts/a-1/ack")).isEqualTo("/api/v1/alerts/{alertId}/ack");
  }

  @Test
  void theTemplateWithMoreLiteralSegmentsWins() {
    assertThat(routes.templateOf("/api/v1/metrics/performance")).isEqualTo("/api/v1/metrics/performance");
    assertThat(routes.templateOf("/api/v1/other/performance")).isEqualTo("/api/v1/{anything}/performance");
  }

  @Test
  void pathsNoTemplateMatchesShareOneValue() {
    assertThat(routes.templateOf("/")).isEqualTo(RouteTemplates.UNMATCHED);
    assertThat(routes.templateOf("/wp-login.php")).isEqualTo(RouteTemplates.UNMATCHED);
    assertThat(routes.templateOf("/api/v1/pens/pen-7/history/extra")).isEqualTo(RouteTemplates.UNMATCHED);
    assertThat(routes.templateOf("/api/v1/alerts/a-1")).isEqualTo(RouteTemplates.UNMATCHED);
    assertThat(RouteTemplates.NONE.templateOf("/api/v1/pens")).isEqualTo(RouteTemplates.UNMATCHED);
  }
}
