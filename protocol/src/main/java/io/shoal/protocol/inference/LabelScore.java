package io.shoal.protocol.inference;

/** One label of a model output head with the probability the model gave it. */
public record LabelScore(String label, float probability) implements io.shoal.protocol.CborSerializable {}
