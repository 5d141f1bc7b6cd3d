package io.shoal.node.simulator;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import io.shoal.node.render.Condition;
import io.shoal.node.render.Species;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code shoal.simulator} block of the configuration: the scenario (pens, cameras, rate, baseline, episodes)
 * and the publisher's bounds.
 *
 * @param producer kafka-clients producer properties, passed as they are
 */
public record SimulatorSettings(int pens, int camerasPerPen, double fps, long seed, int renderThreads,
    int maxUnsentFrames, Duration closeTimeout, Baseline baseline, List<ConditionEpisode> conditionEpisodes,
    List<CameraOutage> cameraOutages, Map<String, Object> producer) {

  public static final String CONFIG_PATH = "shoal.simulator";
  /** Where the block's defaults live until they are part of reference.conf; see {@link #load()}. */
  public static final String RESOURCE = "shoal-simulator.conf";

  /** Pen numbers are part of ids and metric tags; a farm site has tens of pens, not thousands. */
  public static final int MAX_PENS = 1000;
  /** The health policy's default limit of cameras tracked per pen (shoal.health.max-cameras-per-pen). */
  public static final int MAX_CAMERAS_PER_PEN = 32;
  /** A frame takes 6-10 ms to render: above this a camera would mostly measure the renderer, not simulate one. */
  public static final double MAX_FPS = 100;
  /** Render threads beyond the cores only queue; this keeps a typo from starting thousands of threads. */
  public static final int MAX_RENDER_THREADS = 64;
  /** ~50 KB per frame: 10 000 frames is ~500 MB, past any sane bound on a simulator's backlog. */
  public static final int MAX_UNSENT_FRAMES = 10_000;

  public SimulatorSettings {
    requireBetween("pens", pens, 1, MAX_PENS);
    requireBetween("cameras-per-pen", camerasPerPen, 1, MAX_CAMERAS_PER_PEN);
    if (!(fps > 0 && fps <= MAX_FPS)) {
      throw new IllegalArgumentException(CONFIG_PATH + ".fps must be in (0, " + MAX_FPS + "]: " + fps);
    }
    requireBetween("render-threads", renderThreads, 1, MAX_RENDER_THREADS);
    requireBetween("max-unsent-frames", maxUnsentFrames, 1, MAX_UNSENT_FRAMES);
    if (closeTimeout.isNegative()) {
      throw new IllegalArgumentException(CONFIG_PATH + ".close-timeout must not be negative: " + closeTimeout);
    }
    Objects.requireNonNull(baseline, "baseline");
    conditionEpisodes = List.copyOf(conditionEpisodes);
    cameraOutages = List.copyOf(cameraOutages);
    producer = Map.copyOf(producer);
  }

  /**
   * The application's configuration over this block's defaults over reference.conf, resolved with the environment
   * (as {@code ConfigFactory.load()} does). Needed only while the block lives in its own resource; once it is in
   * reference.conf the resource is absent and this equals {@code ConfigFactory.load()}.
   */
  public static Config load() {
    return ConfigFactory.defaultOverrides()
        .withFallback(ConfigFactory.defaultApplication())
        .withFallback(ConfigFactory.parseResources(RESOURCE))
        .withFallback(ConfigFactory.defaultReferenceUnresolved())
        .resolve();
  }

  public static SimulatorSettings fromConfig(Config root) {
    Config c = root.getConfig(CONFIG_PATH);
    Config episodes = c.getConfig("episodes");
    boolean enabled = episodes.getBoolean("enabled");
    return new SimulatorSettings(c.getInt("pens"), c.getInt("cameras-per-pen"), c.getDouble("fps"), c.getLong("seed"),
        c.getInt("render-threads"), c.getInt("max-unsent-frames"), c.getDuration("close-timeout"),
        baseline(c.getConfig("baseline")),
        enabled ? conditionEpisodes(episodes) : List.of(),
        enabled ? cameraOutages(episodes) : List.of(),
        producer(c.getConfig("producer")));
  }

  /** These settings with the scenario's shape changed (the command line's options). */
  public SimulatorSettings withShape(int pens, int camerasPerPen, double fps, long seed) {
    return new SimulatorSettings(pens, camerasPerPen, fps, seed, renderThreads, maxUnsentFrames, closeTimeout,
        baseline, conditionEpisodes, cameraOutages, producer);
  }

  /** These settings without episodes: every pen at its baseline all along (steady load for benchmarks). */
  public SimulatorSettings withoutEpisodes() {
    return new SimulatorSettings(pens, camerasPerPen, fps, seed, renderThreads, maxUnsentFrames, closeTimeout,
        baseline, List.of(), List.of(), producer);
  }

  private static Baseline baseline(Config c) {
    List<Species> species = c.getStringList("species-by-pen").stream().map(Labels::species).toList();
    Map<Condition, Double> shares = new EnumMap<>(Condition.class);
    Config conditions = c.getConfig("conditions");
    for (String label : conditions.root().keySet()) {
      shares.put(Labels.condition(label), conditions.getDouble(quoted(label)));
    }
    return new Baseline(c.getDouble("no-fish-share"), c.getDouble("dominant-species-share"), species, shares);
  }

  private static List<ConditionEpisode> conditionEpisodes(Config episodes) {
    List<ConditionEpisode> list = new ArrayList<>();
    for (Config e : episodes.getConfigList("conditions")) {
      list.add(new ConditionEpisode(e.getString("pen"), Labels.condition(e.getString("condition")),
          e.getDuration("start"), e.getDuration("ramp"), e.getDouble("share")));
    }
    return list;
  }

  private static List<CameraOutage> cameraOutages(Config episodes) {
    List<CameraOutage> list = new ArrayList<>();
    for (Config e : episodes.getConfigList("camera-outages")) {
      Optional<Duration> end = e.hasPath("end") ? Optional.of(e.getDuration("end")) : Optional.empty();
      list.add(new CameraOutage(e.getString("camera"), e.getDuration("start"), end));
    }
    return list;
  }

  /**
   * Dotted keys (linger.ms) are nested objects in HOCON; entrySet gives them back as full paths. Values become the
   * strings kafka-clients parses, lists its comma-separated form.
   */
  private static Map<String, Object> producer(Config c) {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> entry : c.entrySet()) {
      Object value = entry.getValue().unwrapped();
      properties.put(entry.getKey(), value instanceof List<?> list
          ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
          : String.valueOf(value));
    }
    return properties;
  }

  private static void requireBetween(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(CONFIG_PATH + "." + key + " must be in [" + min + ", " + max + "]: " + value);
    }
  }

  /** Condition labels are config keys; quoting keeps a label with dots or dashes one key. */
  private static String quoted(String key) {
    return "\"" + key + "\"";
  }
}
