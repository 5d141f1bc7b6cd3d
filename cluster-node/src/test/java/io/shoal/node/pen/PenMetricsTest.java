package io.shoal.node.pen;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.protocol.pen.PenProtocol.AlertAcknowledged;
import io.shoal.protocol.pen.PenProtocol.FrameAssessed;
import io.shoal.protocol.pen.PenProtocol.HealthStatusChanged;
import org.junit.jupiter.api.Test;

class PenMetricsTest {

  @Test
  void eventTypesAreTaggedInKebabCase() {
    assertThat(PenMetrics.eventCode(FrameAssessed.class)).isEqualTo("frame-assessed");
    assertThat(PenMetrics.eventCode(HealthStatusChanged.class)).isEqualTo("health-status-changed");
    assertThat(PenMetrics.eventCode(AlertAcknowledged.class)).isEqualTo("alert-acknowledged");
  }
}
