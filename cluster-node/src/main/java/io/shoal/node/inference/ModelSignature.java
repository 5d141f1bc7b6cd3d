package io.shoal.node.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Checks a manifest against the inputs and outputs the ONNX graph actually declares. */
final class ModelSignature {

  /** ONNX Runtime reports a symbolic (dynamic) dimension as a negative size. */
  private static final long DYNAMIC = -1;
  private static final int NCHW_RANK = 4;
  private static final int PROBS_RANK = 2;

  private ModelSignature() {}

  /** Every disagreement between manifest and graph; empty when they match. */
  static List<String> problems(ModelManifest manifest, Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs) {
    List<String> p = new ArrayList<>();
    ModelManifest.Input in = manifest.input();
    if (inputs.size() != 1) {
      p.add("the graph must have exactly one input, it has " + inputs.keySet());
    }
    NodeInfo image = inputs.get(in.name());
    if (image == null) {
      p.add("manifest input.name \"" + in.name() + "\" is not a graph input; graph inputs are " + inputs.keySet());
    } else {
      long[] expected = {DYNAMIC, in.channels(), in.height(), in.width()};
      tensorProblems("input \"" + in.name() + "\"", image, NCHW_RANK, expected, p);
    }
    headProblems(manifest.outputs().species(), outputs, p);
    headProblems(manifest.outputs().condition(), outputs, p);
    return p;
  }

  private static void headProblems(ModelManifest.Head head, Map<String, NodeInfo> outputs, List<String> p) {
    NodeInfo out = outputs.get(head.name());
    if (out == null) {
      p.add("manifest output \"" + head.name() + "\" is not a graph output; graph outputs are " + outputs.keySet());
      return;
    }
    long[] expected = {DYNAMIC, head.labels().size()};
    tensorProblems("output \"" + head.name() + "\" (" + head.labels().size() + " labels)", out, PROBS_RANK, expected, p);
  }

  /**
   * @param expected sizes the manifest implies; the first (batch) must be dynamic in the graph, the others must
   *                 match unless the graph leaves them dynamic (then the run-time output size check catches them)
   */
  private static void tensorProblems(String what, NodeInfo node, int rank, long[] expected, List<String> p) {
    if (!(node.getInfo() instanceof TensorInfo info)) {
      p.add(what + " is not a tensor: " + node.getInfo());
      return;
    }
    if (info.type != OnnxJavaType.FLOAT) {
      p.add(what + " must be float32, the graph says " + info.type);
    }
    long[] shape = info.getShape();
    if (shape.length != rank) {
      p.add(what + " must have rank " + rank + " " + Arrays.toString(expected) + ", the graph says "
          + Arrays.toString(shape));
      return;
    }
    if (shape[0] >= 0) {
      p.add(what + " must have a dynamic batch dimension, the graph fixes it at " + shape[0]);
    }
    for (int d = 1; d < rank; d++) {
      if (shape[d] >= 0 && shape[d] != expected[d]) {
        p.add(what + " must have shape " + Arrays.toString(expected) + " (-1 = any), the graph says "
            + Arrays.toString(shape));
        return;
      }
    }
  }
}
