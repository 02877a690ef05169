package io.stork.protocol;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Chunk ids are 32 lower-case hex digits. That is the only text a storage node ever turns into a
 * file name, so nothing a peer sends can name a path outside the node's directory. The name node
 * holds ids as {@link ChunkId}s, which parse and print this same text.
 */
public final class ChunkIds {
  private static final Pattern VALID = Pattern.compile("[0-9a-f]{32}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private ChunkIds() {}

  public static String random() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  public static boolean isValid(String id) {
    return id != null && VALID.matcher(id).matches();
  }

  public static String requireValid(String id) {
    if (!isValid(id)) {
      throw new IllegalArgumentException("invalid chunk id: " + printable(id));
    }
    return id;
  }

  private static String printable(String id) {
    if (id == null) {
      return "null";
    }
    String cut = id.length() > 40 ? id.substring(0, 40) + "..." : id;
    return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
  }
}
