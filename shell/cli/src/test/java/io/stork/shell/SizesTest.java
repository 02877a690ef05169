package io.stork.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizesTest {

  @ParameterizedTest
  @CsvSource({"0, 0", "512, 512", "512B, 512", "64KiB, 65536", "64k, 65536", "4MiB, 4194304", "4 MiB, 4194304",
      "1.5K, 1536", "1GiB, 1073741824", "2g, 2147483648", "1TiB, 1099511627776"})
  void parsesBinaryUnits(String text, long bytes) {
    assertEquals(bytes, Sizes.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "KiB", "-1", "4MB", "4 kB", "four", "1.2.3K", "99999999999999999999T"})
  void refusesWhatIsNotASize(String text) {
    assertThrows(IllegalArgumentException.class, () -> Sizes.parse(text));
  }

  @Test
  void refusedDecimalUnitsSayWhichUnitsWork() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sizes.parse("4MB"));
    assertEquals("unknown unit 'MB' in '4MB' (use B, KiB, MiB or GiB)", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"0, 0 B", "1023, 1023 B", "1024, 1 KiB", "1536, 1.5 KiB", "65536, 64 KiB", "1048064, 1 MiB",
      "1048575, 1 MiB", "10485760, 10 MiB", "15728640, 15 MiB", "419430400, 400 MiB", "1073741824, 1 GiB"})
  void formatsLikeLsDashH(long bytes, String text) {
    assertEquals(text, Sizes.format(bytes));
  }
}
