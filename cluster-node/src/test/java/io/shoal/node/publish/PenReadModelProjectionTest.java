package io.shoal.node.publish;

import static io.shoal.node.publish.ReadSideNode.LATER;
import static io.shoal.node.publish.ReadSideNode.NOW;
import static io.shoal.node.publish.ReadSideNode.T0;
import static io.shoal.node.publish.ReadSideNode.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.shoal.persistence.readmodel.AlertRepository;
import io.shoal.persistence.readmodel.AlertState;
import io.shoal.persistence.readmodel.AlertView;
import io.shoal.persistence.readmodel.AssessmentRepository;
import io.shoal.persistence.readmodel.AssessmentView;
import io.shoal.persistence.readmodel.PenReadModelProjection;
import io.shoal.persistence.readmodel.PenStatusRepository;
import io.shoal.persistence.readmodel.PenStatusView;
import io.shoal.persistence.readmodel.ReadModelLimits;
import io.shoal.protocol.pen.HealthStatus;
import io.shoal.protocol.pen.PenProtocol.AlertKind;
import io.shoal.protocol.pen.PenProtocol.AlertSeverity;
import io.shoal.protocol.pen.PenProtocol.Command;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real pen entities journal to PostgreSQL; the read-model projection, started as in a node (ShardedDaemonProcess on
 * a one-node cluster), turns their events into pen_status, alerts and pen_assessments rows.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PenReadModelProjectionTest {

  @Test
  void thePensJournalBecomesItsReadModel() throws Exception {
    try (ReadSideNode node = ReadSideNode.start("read-model-projection", Map.of())) {
      PenReadModelProjection.init(node.kit.system(), node.dataSource, ReadSideNode.ROLE);
      ActorRef<Command> pen = node.spawnPen("pen-r");
      ActorRef<Command> other = node.spawnPen("pen-s");
      node.liveThroughTheStory(pen);
      node.frame(other, "cam-9", 1, "healthy");
      long lastSequenceNr = lastSequenceNr("Pen|pen-r", node);

      ReadModelLimits limits = new ReadModelLimits(500);
      PenStatusRepository pens = new PenStatusRepository(node.dataSource, limits);
      eventually("pen-r's status row reaches its last event",
          () -> pens.get("pen-r").map(p -> p.lastSequenceNr() == lastSequenceNr).orElse(false));
      PenStatusView status = pens.get("pen-r").orElseThrow();
      assertThat(status.status()).isEqualTo(HealthStatus.OK);
      assertThat(status.reasons()).isEmpty();
      assertThat(status.framesCounted()).isEqualTo(ReadSideNode.STORY_FRAMES);
      eventually("pen-s is listed", () -> pens.get("pen-s").isPresent());
      assertThat(pens.list(HealthStatus.OK, null, 10)).extracting(PenStatusView::penId)
          .containsExactly("pen-r", "pen-s");

      List<AlertView> alerts = new AlertRepository(node.dataSource, limits).byPen("pen-r", 10);
      assertThat(alerts).extracting(AlertView::kind, AlertView::subject, AlertView::severity, AlertView::state,
              AlertView::acknowledgedBy, AlertView::raisedAt, AlertView::resolvedAt)
          .containsExactlyInAnyOrder(
              tuple(AlertKind.CONDITION, "lesion", AlertSeverity.WARNING, AlertState.RESOLVED, "ops", NOW, NOW),
              tuple(AlertKind.CAMERA_OFFLINE, "cam-1", AlertSeverity.WARNING, AlertState.RESOLVED, null, LATER,
                  LATER));

      AssessmentRepository assessments = new AssessmentRepository(node.dataSource, limits);
      assertThat(assessments.byPen("pen-r", T0, NOW.plusSeconds(1), 500)).hasSize(ReadSideNode.STORY_FRAMES);
      assertThat(assessments.byPen("pen-r", T0.plusSeconds(35), T0.plusSeconds(41), 500))
          .extracting(AssessmentView::frameId, AssessmentView::condition)
          .containsExactly(tuple("cam-1-35", "lesion"), tuple("cam-1-36", "lesion"), tuple("cam-1-37", "lesion"),
              tuple("cam-1-38", "lesion"), tuple("cam-1-39", "lesion"), tuple("cam-1-40", "lesion"));

      // Exactly once: the offsets of the tags the two pens live on are stored beside the rows.
      try (Connection c = node.dataSource.getConnection();
          PreparedStatement ps = c.prepareStatement(
              "SELECT count(*) FROM pekko_projection_offset_store WHERE projection_name = 'pen-read-model'");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).isBetween(1, 2);
      }
    }
  }

  @Test
  void aRestartedNodeResumesFromTheStoredOffsetsAndCountsNothingTwice() throws Exception {
    try (ReadSideNode node = ReadSideNode.start("read-model-restart", Map.of())) {
      PenStatusRepository pens = new PenStatusRepository(node.dataSource, new ReadModelLimits(10));
      PenReadModelProjection.init(node.kit.system(), node.dataSource, ReadSideNode.ROLE);
      ActorRef<Command> pen = node.spawnPen("pen-t");
      for (int n = 1; n <= 5; n++) {
        node.frame(pen, "cam-1", n, "healthy");
      }
      eventually("5 frames projected",
          () -> pens.get("pen-t").map(p -> p.framesCounted() == 5).orElse(false));
      String offsetBefore = offset(node);

      node.restartActorSystem();
      PenReadModelProjection.init(node.kit.system(), node.dataSource, ReadSideNode.ROLE);
      ActorRef<Command> recovered = node.spawnPen("pen-t");
      for (int n = 6; n <= 8; n++) {
        node.frame(recovered, "cam-1", n, "healthy");
      }
      long last = lastSequenceNr("Pen|pen-t", node);
      eventually("the new frames projected",
          () -> pens.get("pen-t").map(p -> p.lastSequenceNr() == last).orElse(false));
      assertThat(pens.get("pen-t").orElseThrow().framesCounted()).isEqualTo(8);
      assertThat(new AssessmentRepository(node.dataSource, new ReadModelLimits(100))
          .byPen("pen-t", T0, NOW, 100)).hasSize(8);
      assertThat(Long.parseLong(offset(node))).isGreaterThan(Long.parseLong(offsetBefore));
    }
  }

  /** The stored offset (the journal's global ordering) of the read model's only tag in use. */
  private static String offset(ReadSideNode node) throws Exception {
    try (Connection c = node.dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT current_offset FROM pekko_projection_offset_store WHERE projection_name = 'pen-read-model'");
        ResultSet rs = ps.executeQuery()) {
      assertThat(rs.next()).isTrue();
      String offset = rs.getString(1);
      assertThat(rs.next()).as("one tag in use").isFalse();
      return offset;
    }
  }

  static long lastSequenceNr(String persistenceId, ReadSideNode node) throws Exception {
    try (Connection c = node.dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT max(sequence_number) FROM event_journal WHERE persistence_id = ?")) {
      ps.setString(1, persistenceId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
