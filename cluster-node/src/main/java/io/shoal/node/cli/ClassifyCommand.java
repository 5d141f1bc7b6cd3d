package io.shoal.node.cli;

import io.shoal.node.inference.ImagePreprocessor;
import io.shoal.node.inference.ImageRejectedException;
import io.shoal.node.inference.InferenceSettings;
import io.shoal.node.inference.OnnxModel;
import io.shoal.node.render.FrameRenderer;
import io.shoal.node.render.FrameSeeds;
import io.shoal.node.render.LabelMix;
import io.shoal.node.render.RenderedFrame;
import io.shoal.protocol.inference.Prediction;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shoal classify}: species and condition, with probabilities, for camera frames on disk. */
@Command(name = "classify", mixinStandardHelpOptions = true,
    description = "Classify frames: species and condition, with probabilities.")
public final class ClassifyCommand implements Callable<Integer> {

  @Parameters(arity = "0..*", paramLabel = "FILE", description = "Frames to classify.")
  List<Path> files = new ArrayList<>();

  @Option(names = "--render", defaultValue = "0", paramLabel = "N",
      description = "Also render N synthetic frames (into --render-dir) and classify them, showing their truth.")
  int render;

  @Option(names = "--render-dir", defaultValue = "shoal-frames",
      description = "Where --render writes its frames (default: ${DEFAULT-VALUE}).")
  Path renderDir;

  @Option(names = "--seed", defaultValue = "2026", description = "Seed of the rendered frames (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--model", paramLabel = "LOCATION",
      description = "Model directory or classpath:<dir> (default: shoal.inference.model.location).")
  String modelLocation;

  @Override
  public Integer call() throws IOException {
    Map<Path, String> frames = new LinkedHashMap<>();
    files.forEach(file -> frames.put(file, null));
    frames.putAll(renderFrames());
    if (frames.isEmpty()) {
      System.err.println("Nothing to classify: give FILE... or --render N.");
      return 2;
    }
    InferenceSettings settings = InferenceSettings.load();
    if (modelLocation != null) {
      settings = settings.withModelLocation(modelLocation);
    }
    int failures = 0;
    try (OnnxModel model = OnnxModel.open(settings)) {
      ImagePreprocessor preprocessor = new ImagePreprocessor(model.manifest().input(), settings.preprocessing());
      FloatBuffer batch = model.allocateBatch(1);
      System.out.printf("model %s on %s%n", model.manifest().modelVersion(), model.executionProvider());
      for (Map.Entry<Path, String> frame : frames.entrySet()) {
        try {
          preprocessor.preprocessInto(Files.readAllBytes(frame.getKey()), batch, 0);
          Prediction prediction = model.classify(batch, 1).get(0);
          System.out.println(describe(frame.getKey(), prediction, frame.getValue()));
        } catch (IOException | ImageRejectedException e) {
          failures++;
          System.out.printf("%s  error: %s%n", frame.getKey(), e.getMessage());
        } catch (ai.onnxruntime.OrtException e) {
          failures++;
          System.out.printf("%s  error: inference failed: %s%n", frame.getKey(), e.getMessage());
        }
      }
    }
    return failures == 0 ? 0 : 1;
  }

  /** Renders the requested synthetic frames; the map's values are their ground truth. */
  private Map<Path, String> renderFrames() throws IOException {
    Map<Path, String> rendered = new LinkedHashMap<>();
    if (render <= 0) {
      return rendered;
    }
    Files.createDirectories(renderDir);
    FrameRenderer renderer = new FrameRenderer();
    for (int i = 0; i < render; i++) {
      RenderedFrame frame = renderer.render(FrameSeeds.of(seed, i), LabelMix.DATASET);
      Path file = renderDir.resolve(String.format("frame-%03d.jpg", i));
      Files.write(file, frame.jpeg());
      rendered.put(file, frame.truth().speciesLabel() + "/" + frame.truth().conditionLabel());
    }
    return rendered;
  }

  private static String describe(Path file, Prediction prediction, String truth) {
    String seen = prediction.fishPresent()
        ? String.format("species %s %.2f  condition %s %.2f", prediction.species().label(),
            prediction.species().probability(), prediction.condition().label(), prediction.condition().probability())
        : String.format("no fish %.2f", prediction.species().probability());
    return file + "  " + seen + (truth == null ? "" : "  (truth: " + truth + ")");
  }
}
