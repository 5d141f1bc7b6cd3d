package io.shoal.protocol;

/**
 * Marker for every message that may cross the network or land in the journal.
 * Bound to Pekko's Jackson CBOR serializer in configuration, so no message silently falls back to Java serialization.
 */
public interface CborSerializable {}
