package io.stork.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import scala.util.Try;

/**
 * The wire tests' actor system, with Stork's serializers: a message written as a peer writes it
 * (Pekko's Jackson CBOR), and bytes read back as a peer reads them, forged ones included.
 */
final class Wire implements AutoCloseable {
  static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

  final ActorTestKit testKit;
  private final Serialization serialization;

  Wire(String name) {
    testKit = ActorTestKit.create(name);
    serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
  }

  byte[] write(Object message) {
    return serialization.serialize(message).get();
  }

  /** {@code bytes} read as a message of {@code like}'s kind: a failure where its serializer refuses them. */
  Try<Object> read(byte[] bytes, Object like) {
    Serializer serializer = serialization.findSerializerFor(like);
    return serialization.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, like));
  }

  Object roundTrip(Object message) {
    return read(write(message), message).get();
  }

  /** The fields of a message as it travels, to forge from. */
  @SuppressWarnings("unchecked")
  Map<String, Object> fields(Object message) throws IOException {
    return CBOR.readValue(write(message), HashMap.class);
  }

  static byte[] forge(Map<String, Object> fields) throws IOException {
    return CBOR.writeValueAsBytes(fields);
  }

  @Override
  public void close() {
    testKit.shutdownTestKit();
  }
}
