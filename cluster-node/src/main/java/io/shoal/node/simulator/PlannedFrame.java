package io.shoal.node.simulator;

import io.shoal.node.render.FrameTruth;
import java.time.Duration;

/**
 * A frame the scenario has a camera take: slot {@code slot} of the camera's timeline, {@code at} after the start,
 * rendered from {@code seed} showing {@code truth}.
 */
public record PlannedFrame(Camera camera, long slot, Duration at, long seed, FrameTruth truth) {}
