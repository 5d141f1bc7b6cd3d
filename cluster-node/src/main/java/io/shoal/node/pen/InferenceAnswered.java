package io.shoal.node.pen;

import io.shoal.protocol.inference.InferenceProtocol;
import io.shoal.protocol.pen.PenProtocol;

/**
 * The inference actors' answer to a frame the entity asked about ({@code reply}), or why none came
 * ({@code failure}, e.g. the ask timed out). Exactly one of the two is non-null.
 */
record InferenceAnswered(PenProtocol.ProcessFrame frame, String requestId, InferenceProtocol.Reply reply,
    Throwable failure) implements PenProtocol.Internal {}
