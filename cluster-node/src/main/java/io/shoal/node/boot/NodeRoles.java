package io.shoal.node.boot;

/** The cluster roles of DESIGN.md §1; a node runs the parts of Shoal whose role it has. */
public final class NodeRoles {

  /** Kafka consumers, pen entities and the projections that read their events. */
  public static final String INGEST = "ingest";
  /** ONNX Runtime workers, offered to every node's pens through the receptionist. */
  public static final String INFERENCE = "inference";
  /** The HTTP API. */
  public static final String API = "api";

  private NodeRoles() {}
}
