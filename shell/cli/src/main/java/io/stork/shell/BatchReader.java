package io.stork.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a batch (a file, a FIFO, stdin), decoded strictly: a UTF-8 byte-order mark at the
 * start is skipped, a line that is not valid UTF-8 is an error naming it (never U+FFFD stored in a
 * name), and a line longer than {@link #MAX_LINE} is refused rather than read into memory forever
 * ({@code /dev/zero} has no newline).
 */
final class BatchReader implements AutoCloseable {
  static final int MAX_LINE = 16 << 20;

  /** A line that cannot be a command. */
  static final class BadLine extends IOException {
    BadLine(String message) {
      super(message);
    }
  }

  private final InputStream in;
  private int number;
  private boolean atEnd;

  BatchReader(InputStream in) {
    this.in = in.markSupported() ? in : new java.io.BufferedInputStream(in);
  }

  /** The number of the line {@link #readLine} returned last (from 1). */
  int lineNumber() {
    return number;
  }

  /** The next line without its end ({@code \n} or {@code \r\n}), or null at the end. */
  String readLine() throws IOException {
    if (atEnd) {
      return null;
    }
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (line.size() >= MAX_LINE) {
        number++;
        throw new BadLine("line is longer than " + Sizes.format(MAX_LINE));
      }
      line.write(b);
    }
    if (b == -1) {
      atEnd = true;
      if (line.size() == 0) {
        return null;
      }
    }
    number++;
    byte[] bytes = line.toByteArray();
    int start = number == 1 && bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
        && (bytes[2] & 0xff) == 0xbf ? 3 : 0; // a byte-order mark, as some editors write
    int end = bytes.length > start && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
    } catch (CharacterCodingException e) {
      throw new BadLine("not valid UTF-8 (byte " + firstBad(bytes, start, end) + "); save the file as UTF-8");
    }
  }

  /** Where the first byte that UTF-8 cannot start or continue is: {@code 0xff at column 7}. */
  private static String firstBad(byte[] bytes, int start, int end) {
    for (int i = start; i < end; i++) {
      int length = 1;
      while (length <= 4 && i + length <= end) {
        try {
          StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, i, length));
          break;
        } catch (CharacterCodingException e) {
          length++;
        }
      }
      if (length > 4 || i + length > end) {
        return String.format("0x%02x at column %d", bytes[i] & 0xff, i - start + 1);
      }
      i += length - 1;
    }
    return "at the end";
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
