package io.stork.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"0123456789abcdef0123456789abcdef", "00000000000000000000000000000000",
      "ffffffffffffffffffffffffffffffff", "8000000000000000000000000000000f", "7fffffffffffffff8000000000000000"})
  void parsesAndFormatsBackTheSameText(String text) {
    ChunkId id = ChunkId.parse(text);
    assertEquals(text, id.toString());
    assertEquals(id, ChunkId.parse(id.toString()));
    assertEquals(id, ChunkId.parseOrNull(text));
  }

  @Test
  void holdsTheBitsOfItsDigits() {
    ChunkId id = ChunkId.parse("0123456789abcdeffedcba9876543210");
    assertEquals(0x0123456789abcdefL, id.high());
    assertEquals(0xfedcba9876543210L, id.low());
    assertEquals("0000000000000001000000000000000a", new ChunkId(1, 10).toString());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"0123456789ABCDEF0123456789abcdef", "0123456789abcdef0123456789abcde",
      "0123456789abcdef0123456789abcdef0", "0123456789abcdeg0123456789abcdef", "0123456789abcdef 123456789abcdef",
      "+123456789abcdef0123456789abcdef", "0123456789abcdef-123456789abcdef", "0x23456789abcdef0123456789abcdef",
      "0123456789abcdef0123456789abcd\u00e9f", "0123456789abcdef0123456789abcd\u0661\u0662", "\uff10123456789abcdef0123456789abcdef",
      "../../../../../../../../etc/passw", "0123456789abcdef0123456789abcde\n"})
  void refusesWhatIsNotAnId(String text) {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ChunkId.parse(text));
    assertTrue(refused.getMessage().startsWith("invalid chunk id: "), refused.getMessage());
    assertNull(ChunkId.parseOrNull(text));
  }

  @Test
  void randomIdsAreValidAndDiffer() {
    ChunkId a = ChunkId.random();
    assertTrue(ChunkIds.isValid(a.toString()), a.toString());
    assertNotEquals(a, ChunkId.random());
  }

  @Test
  void isItsHexTextInJson() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ChunkId id = ChunkId.parse("0123456789abcdef0123456789abcdef");
    assertEquals("\"0123456789abcdef0123456789abcdef\"", json.writeValueAsString(id));
    assertEquals(id, json.readValue("\"0123456789abcdef0123456789abcdef\"", ChunkId.class));
    assertThrows(JsonMappingException.class, () -> json.readValue("\"../0123456789abcdef0123456789abc\"", ChunkId.class));
    assertThrows(JsonMappingException.class, () -> json.readValue("{\"high\":1,\"low\":2}", ChunkId.class));
  }
}
