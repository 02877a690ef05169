package io.stork.shell;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lines of a batch (a file, a FIFO, stdin), decoded strictly: a UTF-8 byte-order mark at the
 * start is skipped, a line that is not valid UTF-8 is an error naming it (never U+FFFD stored in a
 * name), and a line longer than {@link #MAX_LINE} is refused rather than read into memory forever
 * ({@code /dev/zero} has no newline).
 *
 * <p>A regular file ({@link #open}) is checked whole before its first line is returned: a script
 * with a broken byte on line 30 is not what its author meant, so none of it runs. A stream (stdin,
 * a FIFO, {@code <(...)}) cannot be read ahead without waiting for its end, so its lines run as they
 * come and the batch stops at the bad line: the lines before it have run, none after it.
 */
final class BatchReader implements AutoCloseable {
  static final int MAX_LINE = 16 << 20;

  /** A line that cannot be a command. */
  static final class BadLine extends IOException {
    BadLine(String message) {
      super(message);
    }
  }

  private InputStream in;
  private int number;
  private boolean atEnd;
  /** A regular file not yet checked whole; null once checked, and for streams. */
  private SeekableByteChannel unchecked;

  BatchReader(InputStream in) {
    this.in = in.markSupported() ? in : new BufferedInputStream(in);
  }

  /** The lines of {@code file}: checked whole first when it is a regular file, else read as a stream. */
  static BatchReader open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return new BatchReader(Files.newInputStream(file));
    }
    SeekableByteChannel channel = Files.newByteChannel(file);
    BatchReader reader = new BatchReader(Channels.newInputStream(channel));
    reader.unchecked = channel;
    return reader;
  }

  /** The number of the line {@link #readLine} returned last (from 1). */
  int lineNumber() {
    return number;
  }

  /** The next line without its end ({@code \n} or {@code \r\n}), or null at the end. */
  String readLine() throws IOException {
    if (unchecked != null) {
      checkWhole();
    }
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

  /** Reads every line once, then starts again from the top; a bad line is reported before any line runs. */
  private void checkWhole() throws IOException {
    SeekableByteChannel channel = unchecked;
    unchecked = null;
    try {
      while (readLine() != null) {
        // only the check: the lines are read again to run
      }
    } catch (BadLine e) {
      throw new BadLine(e.getMessage() + "; nothing in the file was run");
    }
    channel.position(0);
    in = new BufferedInputStream(Channels.newInputStream(channel));
    number = 0;
    atEnd = false;
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
