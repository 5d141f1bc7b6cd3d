package io.shoal.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.protocol.pen.PenProtocol.FrameRejected;
import org.junit.jupiter.api.Test;

/** A pen's FrameRejected code becomes the dead-letter reason. */
class PenRejectionTest {

  @Test
  void thePensCodesAreRejectReasons() {
    assertThat(RejectReason.ofCode(FrameRejected.UNDECODABLE_IMAGE)).contains(RejectReason.UNDECODABLE_IMAGE);
    assertThat(RejectReason.ofCode(FrameRejected.TOO_MANY_CAMERAS)).contains(RejectReason.TOO_MANY_CAMERAS);
    assertThat(RejectReason.ofCode("no-such-code")).isEmpty();
    assertThat(RejectReason.ofCode(null)).isEmpty();
  }

  @Test
  void aKnownCodeKeepsThePensDetail() {
    assertThat(RecordHandler.rejectedByPen(new FrameRejected("f", FrameRejected.UNDECODABLE_IMAGE, "truncated JPEG")))
        .isEqualTo(new Rejected(RejectReason.UNDECODABLE_IMAGE, "truncated JPEG"));
  }

  @Test
  void anUnknownCodeIsKeptInTheDetail() {
    assertThat(RecordHandler.rejectedByPen(new FrameRejected("f", "brand-new", "why not")))
        .isEqualTo(new Rejected(RejectReason.REJECTED_BY_PEN, "brand-new: why not"));
    assertThat(RecordHandler.rejectedByPen(new FrameRejected("f", null, null)))
        .isEqualTo(new Rejected(RejectReason.REJECTED_BY_PEN, "null: "));
  }
}
