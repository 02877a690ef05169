package io.stork.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @Test
  void readsWhatPeopleType() {
    assertEquals(Duration.ofMillis(250), Durations.parse("250ms", "x"));
    assertEquals(Duration.ofSeconds(10), Durations.parse("10s", "x"));
    assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s", "x"));
    assertEquals(Duration.ofMinutes(2), Durations.parse("2m", "x"));
    assertEquals(Duration.ofHours(1), Durations.parse("1h", "x"));
    assertEquals("350ms", Durations.format(Duration.ofMillis(350)));
    assertEquals("1.2s", Durations.format(Duration.ofMillis(1200)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "s", "-1s", "1.s", "10 s", "1d", "9999999h", "1e3s"})
  void refusesTheRest(String text) {
    CommandException error = assertThrows(CommandException.class, () -> Durations.parse(text, "--mttf"));
    assertEquals(true, error.getMessage().startsWith("--mttf: "), error.getMessage());
  }

  @Test
  void chaosPercentagesAndRanges() {
    assertEquals(5.0, ChaosCommand.percent("5"));
    assertEquals(12.5, ChaosCommand.percent("12.5%"));
    assertThrows(CommandException.class, () -> ChaosCommand.percent("101"));
    assertThrows(CommandException.class, () -> ChaosCommand.percent("-3"));
    assertThrows(CommandException.class, () -> ChaosCommand.percent("NaN"));
    assertArrayEquals(new Duration[] {Duration.ofMillis(10), Duration.ofMillis(200)}, ChaosCommand.range("10ms..200ms"));
    assertArrayEquals(new Duration[] {Duration.ofSeconds(1), Duration.ofSeconds(1)}, ChaosCommand.range("1s"));
    assertThrows(CommandException.class, () -> ChaosCommand.range("2s..1s"));
    assertThrows(CommandException.class, () -> ChaosCommand.range("1s.."));
  }
}
