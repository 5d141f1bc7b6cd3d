package io.shoal.http.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.http.server.ApiException;
import io.shoal.protocol.pen.PenEventEnvelope;
import io.shoal.protocol.pen.PenProtocol.AlertResolved;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.junit.jupiter.api.Test;

/** The route's request parsing and event rendering; the stream itself runs on a real port in cluster-node. */
class PenEventsRouteTest {

  @Test
  void lastEventIdIsASequenceNumberOrAbsent() {
    assertThat(PenEventsRoute.lastEventId(Optional.empty())).isEqualTo(OptionalLong.empty());
    assertThat(PenEventsRoute.lastEventId(Optional.of(""))).isEqualTo(OptionalLong.empty());
    assertThat(PenEventsRoute.lastEventId(Optional.of("0"))).isEqualTo(OptionalLong.of(0));
    assertThat(PenEventsRoute.lastEventId(Optional.of(" 42 "))).isEqualTo(OptionalLong.of(42));
    assertThat(PenEventsRoute.lastEventId(Optional.of(Long.toString(Long.MAX_VALUE))))
        .isEqualTo(OptionalLong.of(Long.MAX_VALUE));
    for (String bad : new String[] {"-1", "+1", "1.0", "abc", "1e3", "9223372036854775808", "0x10"}) {
      assertThatThrownBy(() -> PenEventsRoute.lastEventId(Optional.of(bad))).as(bad)
          .isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(StatusCodes.BAD_REQUEST);
            assertThat(e.type()).isEqualTo("invalid-last-event-id");
          });
    }
  }

  @Test
  void assessmentsIsABoolean() {
    assertThat(PenEventsRoute.filter(Optional.empty())).isEqualTo(PenEventFilter.HEALTH);
    assertThat(PenEventsRoute.filter(Optional.of("false"))).isEqualTo(PenEventFilter.HEALTH);
    assertThat(PenEventsRoute.filter(Optional.of("TRUE"))).isEqualTo(PenEventFilter.WITH_ASSESSMENTS);
    assertThatThrownBy(() -> PenEventsRoute.filter(Optional.of("yes"))).isInstanceOf(ApiException.class);
  }

  @Test
  void penIdsFollowTheFrameContract() {
    assertThat(PenEventsRoute.penId("pen-1.a:b_c")).isEqualTo("pen-1.a:b_c");
    assertThat(PenEventsRoute.penId("p".repeat(64))).hasSize(64);
    for (String bad : new String[] {"", "-pen", ".pen", "pen 1", "pen/1", "p".repeat(65), "pén"}) {
      assertThatThrownBy(() -> PenEventsRoute.penId(bad)).as(bad)
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo("invalid-pen-id"));
    }
  }

  @Test
  void anEventCarriesItsSequenceNumberAndTypeName() {
    ServerSentEvent sse = PenEventsRoute.toServerSentEvent(
        new PenEventEnvelope("pen-7", 12, new AlertResolved("pen-7-alert-1", Instant.EPOCH)));
    assertThat(sse.getId()).contains("12");
    assertThat(sse.getEventType()).contains("alert-resolved");
    assertThat(sse.getData()).contains("\"alertId\":\"pen-7-alert-1\"");
  }
}
