package io.stork.protocol;

/**
 * Marker for every message that may cross a JVM. It is bound to Pekko's Jackson CBOR serializer in
 * {@code reference.conf}; Java serialization stays off, so a message that does not implement this
 * cannot leave its process.
 */
public interface StorkMessage {}
