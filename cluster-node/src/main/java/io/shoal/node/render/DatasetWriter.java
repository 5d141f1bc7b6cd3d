package io.shoal.node.render;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a labelled data set: {@code images/NNNNNN.jpg} and {@code labels.csv} with columns
 * {@code file,species,condition,seed}. Frame {@code i} depends only on the set seed and {@code i}, so the set is
 * the same whatever the thread count.
 */
public final class DatasetWriter {

  public static final String LABELS_FILE = "labels.csv";
  public static final String IMAGES_DIR = "images";

  private final FrameRenderer renderer;
  private final LabelMix mix;

  public DatasetWriter(FrameRenderer renderer, LabelMix mix) {
    this.renderer = renderer;
    this.mix = mix;
  }

  /** One CSV row. */
  public record Entry(String file, FrameTruth truth, long seed) {}

  public List<Entry> write(Path directory, int count, long setSeed, int threads) throws IOException {
    Files.createDirectories(directory.resolve(IMAGES_DIR));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Entry>> pending = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int index = i;
        pending.add(pool.submit(() -> writeFrame(directory, index, setSeed)));
      }
      List<Entry> entries = new ArrayList<>(count);
      for (Future<Entry> future : pending) {
        entries.add(await(future));
      }
      writeLabels(directory.resolve(LABELS_FILE), entries);
      return entries;
    } finally {
      pool.shutdownNow();
    }
  }

  private Entry writeFrame(Path directory, int index, long setSeed) throws IOException {
    long seed = FrameSeeds.of(setSeed, index);
    RenderedFrame frame = renderer.render(seed, mix);
    String file = IMAGES_DIR + "/" + String.format("%06d.jpg", index);
    Files.write(directory.resolve(file), frame.jpeg());
    return new Entry(file, frame.truth(), seed);
  }

  private static void writeLabels(Path csv, List<Entry> entries) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      out.write("file,species,condition,seed\n");
      for (Entry entry : entries) {
        out.write(entry.file() + "," + entry.truth().speciesLabel() + "," + entry.truth().conditionLabel() + ","
            + entry.seed() + "\n");
      }
    }
  }

  private static Entry await(Future<Entry> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing the data set", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof UncheckedIOException unchecked) {
        throw unchecked.getCause();
      }
      throw new IllegalStateException("rendering a frame failed", e.getCause());
    }
  }
}
