package io.shoal.node.render;

/** A rendered camera frame: encoded JPEG bytes, what is in it, and the seed that reproduces it. */
public record RenderedFrame(byte[] jpeg, FrameTruth truth, long seed) {}
