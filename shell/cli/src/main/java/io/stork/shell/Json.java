package io.stork.shell;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** The shell's JSON: one object a line, fields in the order they were put (docs/JSON.md lists them). */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static String line(Map<String, ?> object) {
    try {
      return MAPPER.writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  /** A new object that starts with {@code "command": command}. */
  static Map<String, Object> result(String command) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("command", command);
    return object;
  }

  /** A time as jq's fromdateiso8601 reads it: UTC, to the second. */
  static String time(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
