package io.shoal.node.inference;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * Everything the inference engine reads from {@code shoal.inference} (see reference.conf for what each knob means),
 * split by the part that uses it so each part can be built on its own (tests, benchmarks).
 */
public record InferenceSettings(String modelLocation, Onnx onnx, int workers, Batching batching, Preprocessing preprocessing) {

  /** The config section these settings are read from. */
  public static final String CONFIG_PATH = "shoal.inference";

  public InferenceSettings {
    require(modelLocation != null && !modelLocation.isBlank(), "model.location must not be empty");
    require(workers >= 1, "workers must be at least 1, was " + workers);
  }

  /** Reads {@code shoal.inference} from a resolved root config (e.g. {@code system.settings().config()}). */
  public static InferenceSettings fromConfig(Config root) {
    Config c = root.getConfig(CONFIG_PATH);
    return new InferenceSettings(
        c.getString("model.location"),
        new Onnx(
            Provider.parse(c.getString("execution-provider")),
            c.getInt("device-id"),
            c.getInt("intra-op-threads"),
            c.getString("native-path")),
        c.getInt("workers"),
        new Batching(c.getInt("max-batch-size"), c.getDuration("max-batch-delay"), c.getInt("queue-capacity")),
        new Preprocessing(c.getLong("max-image-pixels"), c.getBoolean("strict-decoding")));
  }

  /** reference.conf plus application.conf, system properties and env overrides. */
  public static InferenceSettings load() {
    return fromConfig(ConfigFactory.load());
  }

  public InferenceSettings withBatching(Batching newBatching) {
    return new InferenceSettings(modelLocation, onnx, workers, newBatching, preprocessing);
  }

  public InferenceSettings withModelLocation(String newLocation) {
    return new InferenceSettings(newLocation, onnx, workers, batching, preprocessing);
  }

  /** Where and how ONNX Runtime runs the model. */
  public record Onnx(Provider provider, int deviceId, int intraOpThreads, String nativePath) {
    public Onnx {
      require(provider != null, "execution-provider must be set");
      require(deviceId >= 0, "device-id must not be negative, was " + deviceId);
      require(intraOpThreads >= 1, "intra-op-threads must be at least 1, was " + intraOpThreads);
      nativePath = nativePath == null ? "" : nativePath.trim();
    }
  }

  /** One worker's dynamic batcher. */
  public record Batching(int maxBatchSize, Duration maxBatchDelay, int queueCapacity) {
    public Batching {
      require(maxBatchSize >= 1, "max-batch-size must be at least 1, was " + maxBatchSize);
      require(maxBatchDelay != null && !maxBatchDelay.isNegative(), "max-batch-delay must not be negative");
      require(queueCapacity >= maxBatchSize,
          "queue-capacity (" + queueCapacity + ") must be at least max-batch-size (" + maxBatchSize
              + "), or a full batch could never form");
    }
  }

  /** Image decoding limits. */
  public record Preprocessing(long maxImagePixels, boolean strictDecoding) {
    public Preprocessing {
      require(maxImagePixels >= 1, "max-image-pixels must be positive, was " + maxImagePixels);
    }
  }

  /** ONNX Runtime execution providers Shoal knows how to ask for. */
  public enum Provider {
    CPU, CUDA;

    static Provider parse(String value) {
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            CONFIG_PATH + ".execution-provider must be \"cpu\" or \"cuda\", was \"" + value + "\"", e);
      }
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(CONFIG_PATH + ": " + message);
    }
  }
}
