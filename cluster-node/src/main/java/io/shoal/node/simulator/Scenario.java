package io.shoal.node.simulator;

import io.shoal.node.render.Condition;
import io.shoal.node.render.FrameSeeds;
import io.shoal.node.render.FrameTruth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated farm on a timeline: which cameras exist, when each takes its frames and what each frame shows.
 * Pure and deterministic: frame {@code n} of a camera depends only on the settings (seed included), never on when it
 * is actually taken, so a run that falls behind or skips frames shows the same content in the frames it does send.
 */
public final class Scenario {

  private static final Logger log = LoggerFactory.getLogger(Scenario.class);

  static final String PEN_PREFIX = "pen-";
  static final String CAMERA_INFIX = "-cam-";
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  /** Mixed into a frame's seed for the truth draw, so what a frame shows and how it is drawn are independent. */
  private static final long TRUTH_SALT = 0x51_4D_CA_3E_7A_11L;

  private final SimulatorSettings settings;
  private final List<Camera> cameras;
  private final List<String> penIds;
  private final List<ConditionEpisode> conditionEpisodes;
  private final List<CameraOutage> cameraOutages;
  private final long periodNanos;

  private Scenario(SimulatorSettings settings) {
    this.settings = settings;
    List<Camera> all = new ArrayList<>();
    List<String> pens = new ArrayList<>();
    for (int pen = 1; pen <= settings.pens(); pen++) {
      String penId = penId(pen);
      pens.add(penId);
      for (int camera = 1; camera <= settings.camerasPerPen(); camera++) {
        all.add(new Camera(penId, penId + CAMERA_INFIX + camera, all.size()));
      }
    }
    this.cameras = List.copyOf(all);
    this.penIds = List.copyOf(pens);
    Set<String> penSet = Set.copyOf(pens);
    Set<String> cameraSet = all.stream().map(Camera::cameraId).collect(Collectors.toUnmodifiableSet());
    this.conditionEpisodes = settings.conditionEpisodes().stream()
        .filter(e -> exists(penSet, e.penId(), e))
        .toList();
    this.cameraOutages = settings.cameraOutages().stream()
        .filter(o -> exists(cameraSet, o.cameraId(), o))
        .toList();
    this.periodNanos = Math.round(NANOS_PER_SECOND / settings.fps());
  }

  public static Scenario of(SimulatorSettings settings) {
    return new Scenario(settings);
  }

  public static String penId(int penNumber) {
    return PEN_PREFIX + penNumber;
  }

  public SimulatorSettings settings() {
    return settings;
  }

  public List<Camera> cameras() {
    return cameras;
  }

  public List<String> penIds() {
    return penIds;
  }

  /** The episodes that apply: those naming a pen or camera this scenario has. */
  public List<ConditionEpisode> conditionEpisodes() {
    return conditionEpisodes;
  }

  public List<CameraOutage> cameraOutages() {
    return cameraOutages;
  }

  /** Time between two frames of one camera. */
  public Duration period() {
    return Duration.ofNanos(periodNanos);
  }

  /**
   * When {@code camera} takes frame {@code slot}, after the start. The cameras are spread evenly over one period
   * so that the topic sees a steady stream instead of every camera at once.
   */
  public Duration slotTime(Camera camera, long slot) {
    return Duration.ofNanos(offsetNanos(camera) + slot * periodNanos);
  }

  /** How long after the start {@code camera} takes its first frame. */
  public Duration firstSlot(Camera camera) {
    return Duration.ofNanos(offsetNanos(camera));
  }

  public boolean silent(Camera camera, Duration elapsed) {
    return cameraOutages.stream().anyMatch(o -> o.cameraId().equals(camera.cameraId()) && o.silentAt(elapsed));
  }

  /** The label shares of {@code penId}'s frames at {@code elapsed}: the baseline with its episodes laid over it. */
  public PenMix mixAt(String penId, Duration elapsed) {
    Baseline baseline = settings.baseline();
    Map<Condition, Double> shares = new EnumMap<>(Condition.class);
    for (Condition condition : Condition.values()) {
      if (condition != Condition.HEALTHY) {
        shares.put(condition, baseline.share(condition));
      }
    }
    for (ConditionEpisode episode : conditionEpisodes) {
      if (episode.penId().equals(penId)) {
        shares.put(episode.condition(), episode.shareAt(elapsed, shares.get(episode.condition())));
      }
    }
    double sum = shares.values().stream().mapToDouble(Double::doubleValue).sum();
    if (sum > 1) {
      // Several strong episodes in one pen: keep their proportions, leave no healthy fish.
      shares.replaceAll((condition, share) -> share / sum);
    }
    return new PenMix(baseline.noFishShare(), baseline.speciesOfPen(penNumber(penId)),
        baseline.dominantSpeciesShare(), shares);
  }

  /** Frame {@code slot} of {@code camera}, or empty when the camera is silent then. */
  public Optional<PlannedFrame> frame(Camera camera, long slot) {
    Duration at = slotTime(camera, slot);
    if (silent(camera, at)) {
      return Optional.empty();
    }
    long seed = FrameSeeds.of(FrameSeeds.of(settings.seed(), camera.index()), slot);
    FrameTruth truth = mixAt(camera.penId(), at).draw(new SplittableRandom(seed ^ TRUTH_SALT));
    return Optional.of(new PlannedFrame(camera, slot, at, seed, truth));
  }

  private long offsetNanos(Camera camera) {
    return periodNanos * camera.index() / cameras.size();
  }

  private static int penNumber(String penId) {
    return Integer.parseInt(penId.substring(PEN_PREFIX.length()));
  }

  private static boolean exists(Set<String> ids, String id, Object episode) {
    if (!ids.contains(id)) {
      log.info("Simulator episode skipped, the scenario has no {}: {}", id, episode);
      return false;
    }
    return true;
  }
}
