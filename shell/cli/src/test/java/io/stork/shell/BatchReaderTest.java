package io.stork.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch lines decoded strictly: a leading BOM skipped, invalid UTF-8 named by line, a regular file checked whole. */
class BatchReaderTest {
  @TempDir Path dir;

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> lines(BatchReader reader) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line; (line = reader.readLine()) != null; ) {
      lines.add(line);
    }
    return lines;
  }

  private static byte[] badOnLineThree() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(utf8("one\ntwo\nthr"));
    bytes.write(0xff);
    bytes.write(utf8("ee\nfour\n"));
    return bytes.toByteArray();
  }

  @Test
  void aLeadingByteOrderMarkIsSkippedAndOnlyThere() throws IOException {
    BatchReader reader = new BatchReader(new ByteArrayInputStream(utf8("\ufefflist\r\n\ufeffsecond\n")));
    assertEquals(List.of("list", "\ufeffsecond"), lines(reader), "a BOM later on is a character of the line");
    assertEquals(List.of(""), lines(new BatchReader(new ByteArrayInputStream(utf8("\ufeff")))), "a BOM alone: one empty line");
  }

  @Test
  void onAStreamTheLinesBeforeABadOneAreReturnedThenItsError() throws IOException {
    BatchReader reader = new BatchReader(new ByteArrayInputStream(badOnLineThree()));
    assertEquals("one", reader.readLine());
    assertEquals("two", reader.readLine());
    BatchReader.BadLine bad = assertThrows(BatchReader.BadLine.class, reader::readLine);
    assertEquals("not valid UTF-8 (byte 0xff at column 4); save the file as UTF-8", bad.getMessage());
    assertEquals(3, reader.lineNumber());
  }

  @Test
  void aRegularFileWithABadLineReturnsNoLineAtAll() throws IOException {
    Path file = Files.write(dir.resolve("bad.stork"), badOnLineThree());
    try (BatchReader reader = BatchReader.open(file)) {
      BatchReader.BadLine bad = assertThrows(BatchReader.BadLine.class, reader::readLine, "not even line 1");
      assertEquals("not valid UTF-8 (byte 0xff at column 4); save the file as UTF-8; nothing in the file was run", bad.getMessage());
      assertEquals(3, reader.lineNumber());
    }
  }

  @Test
  void aGoodRegularFileIsReadFromItsTopAfterTheCheck() throws IOException {
    Path file = Files.write(dir.resolve("good.stork"), utf8("\ufeffupload a x\r\n# comment\n\nlist"));
    try (BatchReader reader = BatchReader.open(file)) {
      assertEquals("upload a x", reader.readLine());
      assertEquals(1, reader.lineNumber(), "numbered from 1 again after the check");
      assertEquals(List.of("# comment", "", "list"), lines(reader));
      assertEquals(4, reader.lineNumber());
      assertNull(reader.readLine());
    }
  }

  @Test
  void overlongAndTruncatedSequencesAreInvalidToo() {
    byte[] overlong = {'a', (byte) 0xc0, (byte) 0xaf, '\n'}; // '/' spelled in two bytes
    BatchReader.BadLine first = assertThrows(BatchReader.BadLine.class,
        () -> new BatchReader(new ByteArrayInputStream(overlong)).readLine());
    assertEquals("not valid UTF-8 (byte 0xc0 at column 2); save the file as UTF-8", first.getMessage());
    byte[] cut = {'a', 'b', (byte) 0xe2, (byte) 0x82};
    BatchReader.BadLine second = assertThrows(BatchReader.BadLine.class, () -> new BatchReader(new ByteArrayInputStream(cut)).readLine());
    assertEquals("not valid UTF-8 (byte 0xe2 at column 3); save the file as UTF-8", second.getMessage());
  }
}
