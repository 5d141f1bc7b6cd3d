package io.shoal.node.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CameraLivenessTest {

  private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
  private static final Duration SILENCE = Duration.ofMinutes(2);

  @Test
  void aCameraSilentLongerThanTheLimitIsOffline() {
    CameraLiveness cameras = new CameraLiveness(8);
    cameras.seen("cam-a", T0);
    cameras.seen("cam-b", T0.plusSeconds(100));
    Instant now = T0.plusSeconds(150);
    assertThat(cameras.silent(now, SILENCE)).containsExactly("cam-a");
    assertThat(cameras.anyLive(now, SILENCE)).isTrue();
    assertThat(cameras.silent(T0.plusSeconds(300), SILENCE)).containsExactly("cam-a", "cam-b");
    assertThat(cameras.anyLive(T0.plusSeconds(300), SILENCE)).isFalse();
  }

  @Test
  void aLateOlderFrameDoesNotMakeACameraLookSilent() {
    CameraLiveness cameras = new CameraLiveness(8);
    cameras.seen("cam-a", T0.plusSeconds(100));
    cameras.seen("cam-a", T0);
    assertThat(cameras.silent(T0.plusSeconds(150), SILENCE)).isEmpty();
  }

  @Test
  void aPenThatNeverSawAFrameHasNoLiveCamera() {
    assertThat(new CameraLiveness(8).anyLive(T0, SILENCE)).isFalse();
  }

  @Test
  void refusesCamerasBeyondItsBoundButKeepsTrackingKnownOnes() {
    CameraLiveness cameras = new CameraLiveness(2);
    assertThat(cameras.seen("cam-a", T0)).isTrue();
    assertThat(cameras.seen("cam-b", T0)).isTrue();
    assertThat(cameras.seen("cam-c", T0)).isFalse();
    assertThat(cameras.seen("cam-a", T0.plusSeconds(200))).isTrue();
    assertThat(cameras.silent(T0.plusSeconds(200), SILENCE)).containsExactly("cam-b");
  }
}
