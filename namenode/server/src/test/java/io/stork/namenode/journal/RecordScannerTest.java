package io.stork.namenode.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Torn tails against damage, byte by byte, in both record formats. */
class RecordScannerTest {
  private static final long FIRST = 41;

  /** Three records of different lengths, and the offset each starts at (the last entry: the file's end). */
  private record Journal(byte[] bytes, List<Integer> starts) {}

  private static Journal journal(RecordFormat format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Integer> starts = new ArrayList<>();
    String[] bodies = {"{\"op\":\"delete\",\"name\":\"a\",\"version\":1}", "{\"x\":\"" + "b".repeat(40) + "\"}", "{}"};
    for (int i = 0; i < bodies.length; i++) {
      starts.add(out.size());
      out.writeBytes(format.frame(FIRST + i, bodies[i].getBytes(StandardCharsets.UTF_8)));
    }
    starts.add(out.size());
    return new Journal(out.toByteArray(), starts);
  }

  @ParameterizedTest
  @EnumSource(RecordFormat.class)
  void readsEveryRecordOfAnIntactFile(RecordFormat format) {
    Journal journal = journal(format);
    RecordScanner.Scan scan = RecordScanner.scan(journal.bytes(), format, FIRST);
    assertTrue(scan.clean());
    assertEquals(3, scan.records().size());
    assertEquals(journal.bytes().length, scan.validBytes());
    assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), scan.records().get(2).body());
  }

  /** A crash can cut only the last record: at any byte of it, the records before it are kept and the rest is torn. */
  @ParameterizedTest
  @EnumSource(RecordFormat.class)
  void aFileCutInsideItsLastRecordEndsInATornTail(RecordFormat format) {
    Journal journal = journal(format);
    int lastStart = journal.starts().get(2);
    for (int length = lastStart + 1; length < journal.bytes().length; length++) {
      RecordScanner.Scan scan = RecordScanner.scan(Arrays.copyOf(journal.bytes(), length), format, FIRST);
      assertEquals(2, scan.records().size(), "cut at " + length);
      assertTrue(scan.damage().isEmpty(), "cut at " + length + ": " + scan.damage());
      assertEquals(length - lastStart, scan.tornBytes());
      assertEquals(lastStart, scan.validBytes());
    }
  }

  @ParameterizedTest
  @EnumSource(RecordFormat.class)
  void zerosAfterTheLastRecordAreATornTail(RecordFormat format) {
    Journal journal = journal(format);
    for (int zeros : new int[] {1, 8, 20, 4096}) {
      byte[] withZeros = Arrays.copyOf(journal.bytes(), journal.bytes().length + zeros);
      RecordScanner.Scan scan = RecordScanner.scan(withZeros, format, FIRST);
      assertEquals(3, scan.records().size());
      assertEquals(zeros, scan.tornBytes());
      assertTrue(scan.damage().isEmpty());
    }
  }

  /** One flipped bit anywhere, header or body, first, middle or last record: damage at that record, never a torn tail. */
  @ParameterizedTest
  @EnumSource(RecordFormat.class)
  void aFlippedByteAnywhereIsDamageAtItsRecord(RecordFormat format) {
    Journal journal = journal(format);
    for (int at = 0; at < journal.bytes().length; at++) {
      for (int bit : new int[] {0x01, 0x80}) {
        byte[] flipped = journal.bytes().clone();
        flipped[at] ^= (byte) bit;
        int record = recordAt(journal, at);
        RecordScanner.Scan scan = RecordScanner.scan(flipped, format, FIRST);
        String where = "bit " + bit + " of byte " + at;
        assertTrue(scan.damage().isPresent(), where + ": " + scan);
        assertEquals(journal.starts().get(record), (int) scan.damage().get().offset(), where);
        assertEquals(record + 1, scan.damage().get().recordNumber(), where);
        assertEquals(record, scan.records().size(), where + ": the records before it are read");
      }
    }
  }

  /** A zeroed header with records after it, or with its own body after it, is damage: only zeros to the end are torn. */
  @ParameterizedTest
  @EnumSource(RecordFormat.class)
  void aZeroedHeaderIsDamage(RecordFormat format) {
    Journal journal = journal(format);
    for (int record = 0; record < 3; record++) {
      byte[] zeroed = journal.bytes().clone();
      int start = journal.starts().get(record);
      Arrays.fill(zeroed, start, start + format.headerBytes, (byte) 0);
      RecordScanner.Scan scan = RecordScanner.scan(zeroed, format, FIRST);
      assertEquals(start, (int) scan.damage().orElseThrow().offset(), "record " + record);
      if (record < 2) {
        assertTrue(scan.damage().get().why().contains("an intact record follows at byte " + journal.starts().get(record + 1)),
            scan.damage().get().why());
      }
    }
  }

  /** A last record whose length says one byte more than the file holds is whole, not torn: its length is damaged. */
  @ParameterizedTest
  @EnumSource(RecordFormat.class)
  void aLengthThatRunsPastTheEndIsDamageWhenTheRecordIsWhole(RecordFormat format) {
    Journal journal = journal(format);
    byte[] longer = journal.bytes().clone();
    int lengthField = journal.starts().get(2) + (format == RecordFormat.LEGACY ? 0 : 12);
    longer[lengthField + 3] += 1;
    RecordScanner.Scan scan = RecordScanner.scan(longer, format, FIRST);
    assertEquals(format == RecordFormat.LEGACY ? "its length field is damaged (the record is whole: its checksum matches the "
        + "bytes to the end of the file)" : "its header is damaged (its checksum does not match)", scan.damage().orElseThrow().why());
  }

  /** With a header checksum, a damaged length followed by a cut is damage too: a crash cannot write a wrong header. */
  @ParameterizedTest
  @EnumSource(value = RecordFormat.class, names = "SEQUENCED")
  void aDamagedLengthInARecordCutShortIsDamage(RecordFormat format) {
    Journal journal = journal(format);
    byte[] cut = Arrays.copyOf(journal.bytes(), journal.starts().get(2) + format.headerBytes + 1);
    cut[journal.starts().get(2) + 14] ^= 0x10;
    assertEquals(journal.starts().get(2), (int) RecordScanner.scan(cut, format, FIRST).damage().orElseThrow().offset());
  }

  @ParameterizedTest
  @EnumSource(value = RecordFormat.class, names = "SEQUENCED")
  void aRecordOutOfSequenceIsDamage(RecordFormat format) {
    byte[] first = format.frame(1, "{}".getBytes(StandardCharsets.UTF_8));
    byte[] third = format.frame(3, "{}".getBytes(StandardCharsets.UTF_8));
    byte[] both = Arrays.copyOf(first, first.length + third.length);
    System.arraycopy(third, 0, both, first.length, third.length);
    RecordScanner.Scan scan = RecordScanner.scan(both, format, 1);
    assertEquals(first.length, scan.damage().orElseThrow().offset());
    assertEquals(3, scan.highestSequence());
  }

  @ParameterizedTest
  @EnumSource(value = RecordFormat.class, names = "SEQUENCED")
  void theHighestSequenceIsSeenPastTheDamage(RecordFormat format) {
    Journal journal = journal(format);
    byte[] flipped = journal.bytes().clone();
    flipped[journal.starts().get(0) + format.headerBytes + 3] ^= 1;
    assertEquals(FIRST + 2, RecordScanner.scan(flipped, format, FIRST).highestSequence());
  }

  private static int recordAt(Journal journal, int offset) {
    int record = 0;
    while (journal.starts().get(record + 1) <= offset) {
      record++;
    }
    return record;
  }
}
