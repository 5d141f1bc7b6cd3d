package io.shoal.node.simulator;

/**
 * One simulated camera.
 *
 * @param penId    the pen it films (the Kafka key of its frames)
 * @param cameraId its id, {@code <pen>-cam-<k>}
 * @param index    its position among all the scenario's cameras, 0-based: spreads the cameras' frames over the
 *                 frame period and derives the camera's seed, so it must not depend on timing
 */
public record Camera(String penId, String cameraId, int index) {}
