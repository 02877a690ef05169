package io.stork.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.HexFormat;

/**
 * A chunk id as the name node holds it: the 128 bits of its 32 hex digits in two longs, 32 bytes
 * of heap where the String takes 72, since the name node keeps one per chunk of the whole store.
 * Its text form (in messages, JSON and the journal) is the hex string; {@link ChunkIds} says which
 * strings are valid ids.
 */
public record ChunkId(long high, long low) implements Comparable<ChunkId> {
  private static final HexFormat HEX = HexFormat.of();

  @JsonCreator(mode = JsonCreator.Mode.DISABLED) // on the wire an id is its text only, never {high, low}
  public ChunkId {}

  /** The id {@code text} spells; IllegalArgumentException unless {@link ChunkIds#isValid} accepts it. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ChunkId parse(String text) {
    return fromValid(ChunkIds.requireValid(text));
  }

  /** The id {@code text} spells, or null when it is not a valid id (text from a peer may be anything). */
  public static ChunkId parseOrNull(String text) {
    return ChunkIds.isValid(text) ? fromValid(text) : null;
  }

  public static ChunkId random() {
    return parse(ChunkIds.random());
  }

  private static ChunkId fromValid(String text) {
    return new ChunkId(HexFormat.fromHexDigitsToLong(text, 0, 16), HexFormat.fromHexDigitsToLong(text, 16, 32));
  }

  /** The order of the hex text: unsigned, high bits first. */
  @Override
  public int compareTo(ChunkId other) {
    int high = Long.compareUnsigned(this.high, other.high);
    return high != 0 ? high : Long.compareUnsigned(low, other.low);
  }

  /** The 32 lower-case hex digits. */
  @JsonValue
  @Override
  public String toString() {
    return HEX.toHexDigits(high) + HEX.toHexDigits(low);
  }
}
