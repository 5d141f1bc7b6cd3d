package io.shoal.node.bench;

import ai.onnxruntime.OrtEnvironment;
import io.shoal.node.inference.InferenceSettings;
import io.shoal.node.inference.ModelManifest;
import io.shoal.node.inference.OnnxModel;
import java.util.List;
import java.util.Locale;

/** The report's text around the numbers: what ran where (above the table) and what each row means (below it). */
record BenchHeader(InferenceSettings inference, BenchSettings bench, int preprocessThreads) {

  List<String> lines(OnnxModel model, List<byte[]> frames) {
    ModelManifest.Input in = model.manifest().input();
    long bytes = frames.stream().mapToLong(f -> f.length).sum();
    Runtime rt = Runtime.getRuntime();
    return List.of(
        "Shoal inference benchmark",
        String.format(Locale.ROOT, "machine:  %d cores, %s %s (%s), %s %s, max heap %d MiB",
            rt.availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
            System.getProperty("java.vendor"), System.getProperty("os.name"), System.getProperty("os.arch"),
            rt.maxMemory() >> 20),
        String.format(Locale.ROOT, "runtime:  ONNX Runtime %s, execution provider %s, %d intra-op thread(s)",
            OrtEnvironment.getEnvironment().getVersion(), model.executionProvider(),
            inference.onnx().intraOpThreads()),
        String.format(Locale.ROOT, "model:    %s, input %dx%dx%d", model.manifest().modelVersion(), in.channels(),
            in.height(), in.width()),
        String.format(Locale.ROOT, "threads:  %d worker(s) = model thread(s), %d preprocessing thread(s), "
            + "the same for every path", inference.workers(), preprocessThreads),
        String.format(Locale.ROOT, "actors:   max-batch-delay %d ms, %d requests in flight, queue-capacity "
            + "max(batch, %d) per worker", bench.maxBatchDelay().toMillis(), bench.inFlight(), bench.inFlight()),
        String.format(Locale.ROOT, "frames:   %d rendered 640x480 JPEGs (set seed %d, mean %.0f KiB), warm-up %d "
            + "images, median of %d passes over all frames", frames.size(), bench.seed(),
            bytes / 1024.0 / frames.size(), bench.warmUp(), bench.repetitions()));
  }

  List<String> legend() {
    return List.of(
        "model only       = OnnxModel.classify on pre-made direct input tensors (no decoding): the model's ceiling",
        "raw pipeline     = JPEG bytes -> decode on a plain " + preprocessThreads + "-thread pool -> classify, "
            + "one batch after another, no actors, decoding never overlaps a model run (the baseline)",
        "raw pipelined    = the same, but each model thread decodes its next batch while the current one runs",
        "actors           = the same JPEGs through InferenceService (max-batch-size = batch); decoding and model "
            + "runs may overlap",
        "actors/raw       = actors / raw pipeline: the actors' overhead AND their overlap of decoding with model "
            + "runs, which the baseline lacks",
        "actors/pipelined = actors / raw pipelined: closer to the actors' own overhead, both paths overlapping",
        "cpu ms/img       = the JVM's CPU time (all threads, GC included) per image: what a path costs, whatever "
            + "the neighbours do");
  }
}
