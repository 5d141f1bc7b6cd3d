package io.shoal.node.cli;

import io.shoal.node.render.DatasetWriter;
import io.shoal.node.render.FrameRenderer;
import io.shoal.node.render.LabelMix;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code shoal dataset}: renders a labelled set of synthetic camera frames for training or evaluation. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
    description = {"Render labelled synthetic camera frames for training.",
        "Writes images/NNNNNN.jpg and labels.csv (file,species,condition,seed) under --out."})
public final class DatasetCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, description = "Output directory.")
  Path out;

  @Option(names = "--count", defaultValue = "1000", description = "Number of frames (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--seed", defaultValue = "1", description = "Set seed; frame seeds derive from it (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--width", defaultValue = "" + FrameRenderer.DEFAULT_WIDTH, description = "Frame width in pixels.")
  int width;

  @Option(names = "--height", defaultValue = "" + FrameRenderer.DEFAULT_HEIGHT, description = "Frame height in pixels.")
  int height;

  @Option(names = "--threads", description = "Rendering threads (default: available processors).")
  Integer threads;

  @Override
  public Integer call() throws Exception {
    if (count <= 0) {
      throw new IllegalArgumentException("--count must be positive");
    }
    int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    long started = System.nanoTime();
    List<DatasetWriter.Entry> entries =
        new DatasetWriter(new FrameRenderer(width, height), LabelMix.DATASET).write(out, count, seed, workers);
    double seconds = (System.nanoTime() - started) / 1e9;
    Map<String, Integer> perLabel = new TreeMap<>();
    entries.forEach(e -> perLabel.merge(e.truth().speciesLabel() + "/" + e.truth().conditionLabel(), 1, Integer::sum));
    System.out.printf("wrote %d frames to %s in %.1f s (%.1f ms/frame on %d threads)%n",
        entries.size(), out.toAbsolutePath(), seconds, seconds * 1000 / entries.size(), workers);
    perLabel.forEach((label, n) -> System.out.printf("  %-32s %6d%n", label, n));
    return 0;
  }
}
