package io.shoal.protocol;

/**
 * Marker for every message that may cross the network or land in the journal. Nodes bind it to Pekko's Jackson
 * CBOR serializer in configuration (with the cluster), so no such message falls back to Java serialization.
 */
public interface CborSerializable {}
