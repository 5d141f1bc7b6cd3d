package io.shoal.node.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.shoal.protocol.inference.LabelScore;
import io.shoal.protocol.inference.Prediction;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ONNX Runtime session for the Shoal model, checked against its manifest when opened. Thread-safe: an
 * {@link OrtSession} accepts concurrent {@code run} calls, so every worker of a node shares one instance.
 *
 * <p>Runs hold a read lock and {@link #close} the write lock: freeing the native session under a running
 * {@code session.run} would crash the JVM, so close waits for runs in progress, and later runs fail cleanly.
 */
public final class OnnxModel implements BatchModel, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OnnxModel.class);

  /** ONNX Runtime's own system property: a directory with its unpacked native libraries. */
  static final String NATIVE_PATH_PROPERTY = "onnxruntime.native.path";
  private static final String CPU = "cpu";
  private static final String CUDA_PREFIX = "cuda:";

  private final OrtEnvironment env;
  private final OrtSession session;
  private final OrtSession.SessionOptions options;
  private final ModelManifest manifest;
  private final String executionProvider;
  private final String modelVersion;
  private final long[] imageDims;
  private final Set<String> outputNames;
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  /** Guarded by {@link #lifecycle}. */
  private boolean closed;
  /** Tests hold a run here, under the read lock, to close the model meanwhile. */
  private volatile Runnable beforeRun = () -> {};

  private OnnxModel(OrtEnvironment env, Opened opened, ModelManifest manifest) {
    this.env = env;
    this.session = opened.session();
    this.options = opened.options();
    this.executionProvider = opened.provider();
    this.manifest = manifest;
    this.modelVersion = manifest.modelVersion();
    ModelManifest.Input in = manifest.input();
    this.imageDims = new long[] {in.channels(), in.height(), in.width()};
    this.outputNames = Set.of(manifest.outputs().species().name(), manifest.outputs().condition().name());
  }

  /** Loads the model named by {@code settings.modelLocation()} and opens it as configured. */
  public static OnnxModel open(InferenceSettings settings) {
    return open(ModelBundle.load(settings.modelLocation()), settings.onnx());
  }

  /**
   * Opens a session for the bundle.
   *
   * @throws InvalidModelException when the graph cannot be loaded or disagrees with the manifest
   */
  public static OnnxModel open(ModelBundle bundle, InferenceSettings.Onnx settings) {
    applyNativePath(settings.nativePath());
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Opened opened;
    try {
      opened = openSession(env, bundle, settings);
    } catch (OrtException e) {
      throw new InvalidModelException("invalid model at " + bundle.source() + ": ONNX Runtime cannot load "
          + ModelBundle.MODEL_FILE + ": " + e.getMessage(), e);
    }
    try {
      List<String> problems = ModelSignature.problems(bundle.manifest(), opened.session().getInputInfo(),
          opened.session().getOutputInfo());
      if (!problems.isEmpty()) {
        throw new InvalidModelException(bundle.source() + " (manifest vs " + ModelBundle.MODEL_FILE + ")", problems);
      }
    } catch (OrtException | RuntimeException e) {
      opened.close();
      if (e instanceof InvalidModelException invalid) throw invalid;
      throw new InvalidModelException("invalid model at " + bundle.source() + ": " + e.getMessage(), e);
    }
    OnnxModel model = new OnnxModel(env, opened, bundle.manifest());
    log.info("Opened model {} from {} on {} ({} intra-op threads)", model.modelVersion, bundle.source(),
        model.executionProvider, settings.intraOpThreads());
    return model;
  }

  /** A direct, native-order buffer for {@code maxImages} images: what {@link #classify} reads without copying. */
  public static FloatBuffer allocateBatch(int maxImages, int floatsPerImage) {
    return ByteBuffer.allocateDirect(Math.multiplyExact(Math.multiplyExact(maxImages, floatsPerImage), Float.BYTES))
        .order(ByteOrder.nativeOrder())
        .asFloatBuffer();
  }

  /** {@link #allocateBatch(int, int)} sized for this model's images. */
  public FloatBuffer allocateBatch(int maxImages) {
    return allocateBatch(maxImages, floatsPerImage());
  }

  @Override
  public ModelManifest manifest() {
    return manifest;
  }

  /** {@code "cpu"} or {@code "cuda:<device>"}: where the session really runs (after any fallback). */
  public String executionProvider() {
    return executionProvider;
  }

  /**
   * Runs images {@code 0..count-1} of {@code batch} (absolute positions; the buffer's position and limit are
   * ignored). Pass a direct native-order buffer ({@link #allocateBatch}) or ONNX Runtime copies it first.
   *
   * @throws IllegalStateException once the model is closed
   */
  @Override
  public List<Prediction> classify(FloatBuffer batch, int count) throws OrtException {
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("model " + modelVersion + " is closed");
      }
      beforeRun.run();
      return run(batch, count);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private List<Prediction> run(FloatBuffer batch, int count) throws OrtException {
    int floats = Math.multiplyExact(count, floatsPerImage());
    if (count < 1 || batch.capacity() < floats) {
      throw new IllegalArgumentException("batch of " + count + " images needs " + floats + " floats, buffer holds "
          + batch.capacity());
    }
    long[] shape = {count, imageDims[0], imageDims[1], imageDims[2]};
    ModelManifest.Outputs heads = manifest.outputs();
    try (OnnxTensor input = OnnxTensor.createTensor(env, batch.slice(0, floats), shape);
        OrtSession.Result result = session.run(Map.of(manifest.input().name(), input), outputNames)) {
      float[] species = probabilities(result, heads.species(), count);
      float[] condition = probabilities(result, heads.condition(), count);
      List<Prediction> predictions = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        predictions.add(prediction(species, condition, i));
      }
      return predictions;
    }
  }

  private float[] probabilities(OrtSession.Result result, ModelManifest.Head head, int count) throws OrtException {
    OnnxValue value = result.get(head.name()).orElseThrow(
        () -> new IllegalStateException("model returned no output \"" + head.name() + "\""));
    FloatBuffer buffer = ((OnnxTensor) value).getFloatBuffer();
    int expected = count * head.labels().size();
    if (buffer == null || buffer.remaining() != expected) {
      throw new IllegalStateException("output \"" + head.name() + "\" has " + (buffer == null ? 0 : buffer.remaining())
          + " values for " + count + " images x " + head.labels().size() + " labels");
    }
    float[] values = new float[expected];
    buffer.get(values);
    return values;
  }

  private Prediction prediction(float[] species, float[] condition, int row) {
    ModelManifest.Head speciesHead = manifest.outputs().species();
    List<LabelScore> speciesScores = scores(speciesHead.labels(), species, row);
    List<LabelScore> conditionScores = scores(manifest.outputs().condition().labels(), condition, row);
    LabelScore topSpecies = top(speciesScores);
    return new Prediction(modelVersion, !topSpecies.label().equals(speciesHead.noFishLabel()), topSpecies,
        top(conditionScores), speciesScores, conditionScores);
  }

  private static List<LabelScore> scores(List<String> labels, float[] probs, int row) {
    int width = labels.size();
    List<LabelScore> scores = new ArrayList<>(width);
    for (int j = 0; j < width; j++) {
      scores.add(new LabelScore(labels.get(j), probs[row * width + j]));
    }
    return scores;
  }

  /** Highest probability; the first label wins a tie, so the answer is stable. */
  private static LabelScore top(List<LabelScore> scores) {
    LabelScore best = scores.get(0);
    for (LabelScore s : scores) {
      if (s.probability() > best.probability()) best = s;
    }
    return best;
  }

  /** Waits for runs in progress, then frees the session. Idempotent. */
  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        new Opened(session, options, executionProvider).close();
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  void beforeRun(Runnable hook) {
    beforeRun = hook;
  }

  private static Opened openSession(OrtEnvironment env, ModelBundle bundle, InferenceSettings.Onnx settings)
      throws OrtException {
    if (settings.provider() == InferenceSettings.Provider.CUDA) {
      OrtSession.SessionOptions cuda = baseOptions(settings);
      try {
        cuda.addCUDA(settings.deviceId());
        return new Opened(env.createSession(bundle.modelBytes(), cuda), cuda, CUDA_PREFIX + settings.deviceId());
      } catch (OrtException | LinkageError e) {
        // The CPU build of ONNX Runtime has no CUDA provider, and the GPU build fails here without CUDA/cuDNN:
        // either way the node is still useful on the CPU, so say so once and carry on.
        cuda.close();
        log.warn("CUDA execution provider (device {}) is not available, running the model on the CPU instead. "
                + "ONNX Runtime offers {}; the GPU build needs `-Pgpu` and CUDA 12 + cuDNN 9. Cause: {}",
            settings.deviceId(), OrtEnvironment.getAvailableProviders(), e.toString());
      }
    }
    OrtSession.SessionOptions cpu = baseOptions(settings);
    try {
      return new Opened(env.createSession(bundle.modelBytes(), cpu), cpu, CPU);
    } catch (OrtException | RuntimeException e) {
      cpu.close();
      throw e;
    }
  }

  private static OrtSession.SessionOptions baseOptions(InferenceSettings.Onnx settings) throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    try {
      options.setIntraOpNumThreads(settings.intraOpThreads());
      return options;
    } catch (OrtException e) {
      options.close();
      throw e;
    }
  }

  /** Points ONNX Runtime at pre-unpacked native libraries unless the JVM was already told where they are. */
  private static void applyNativePath(String nativePath) {
    if (nativePath.isEmpty()) return;
    String given = System.getProperty(NATIVE_PATH_PROPERTY);
    if (given == null) {
      System.setProperty(NATIVE_PATH_PROPERTY, nativePath);
    } else if (!given.equals(nativePath)) {
      log.info("-D{}={} given to the JVM wins over configured native-path {}", NATIVE_PATH_PROPERTY, given,
          nativePath);
    }
  }

  private record Opened(OrtSession session, OrtSession.SessionOptions options, String provider) {
    void close() {
      try {
        session.close();
      } catch (OrtException e) {
        log.warn("Closing the ONNX session failed", e);
      } finally {
        options.close();
      }
    }
  }
}
