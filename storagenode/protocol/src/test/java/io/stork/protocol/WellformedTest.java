package io.stork.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WellformedTest {
  record Request(String name, List<String> items) {}

  @Test
  void aRecordIsCompleteWithoutNullFieldsOrNullListElements() {
    assertTrue(Wellformed.isComplete(new Request("a", List.of("x"))));
    assertTrue(Wellformed.isComplete(new Request("", List.of())));
    assertFalse(Wellformed.isComplete(new Request(null, List.of())));
    assertFalse(Wellformed.isComplete(new Request("a", null)));
    assertFalse(Wellformed.isComplete(new Request("a", Arrays.asList("x", null))));
  }
}
