package io.stork.deploy;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads of one object of a spec, each failing with {@code SPEC:LINE: KEY: problem}, where KEY is
 * the full path of the key ({@code storage-nodes[1].port}).
 */
final class SpecFields {
  private final Path file;
  private final ConfigObject object;
  private final String where;

  SpecFields(Path file, ConfigObject object, String where) {
    this.file = file;
    this.object = object;
    this.where = where;
  }

  /** Refuses any key but {@code known}: a misspelt key must not be silently ignored. */
  SpecFields onlyKeys(Set<String> known) {
    for (String key : new TreeSet<>(object.keySet())) {
      if (!known.contains(key)) {
        throw error(object.get(key), key, "unknown key (known here: " + String.join(", ", new TreeSet<>(known)) + ")");
      }
    }
    return this;
  }

  boolean has(String key) {
    return object.containsKey(key);
  }

  /** A string (a bare number or word is taken as written). */
  Optional<String> string(String key) {
    ConfigValue value = object.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value.valueType() != ConfigValueType.STRING && value.valueType() != ConfigValueType.NUMBER) {
      throw error(value, key, "expected a string, got " + describe(value));
    }
    String text = String.valueOf(value.unwrapped());
    if (text.isBlank()) {
      throw error(value, key, "must not be empty");
    }
    return Optional.of(text);
  }

  String requiredString(String key, String what) {
    return string(key).orElseThrow(() -> missing(key, what));
  }

  Optional<Integer> port(String key) {
    ConfigValue value = object.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value.valueType() == ConfigValueType.NUMBER && value.unwrapped() instanceof Integer port && port >= 0 && port <= 65535) {
      return Optional.of(port);
    }
    throw error(value, key, "expected a port number from 0 to 65535, got " + describe(value));
  }

  Optional<Boolean> bool(String key) {
    return typed(key, ConfigValueType.BOOLEAN, "true or false").map(value -> (Boolean) value.unwrapped());
  }

  List<String> strings(String key) {
    List<ConfigValue> elements = typed(key, ConfigValueType.LIST, "a list of strings ([a, b])")
        .<List<ConfigValue>>map(ConfigList.class::cast).orElse(List.of());
    List<String> strings = new ArrayList<>();
    for (ConfigValue element : elements) {
      if (element.valueType() != ConfigValueType.STRING) {
        throw error(element, key, "expected a list of strings, got an element " + describe(element));
      }
      strings.add((String) element.unwrapped());
    }
    return strings;
  }

  /** A nested object, read with the key's path as its place. */
  Optional<SpecFields> object(String key) {
    return typed(key, ConfigValueType.OBJECT, "an object ({ ... })")
        .map(value -> new SpecFields(file, (ConfigObject) value, path(key)));
  }

  /** The value of {@code key} if there is one, when it is of {@code type}; else an error that expects {@code expected}. */
  private Optional<ConfigValue> typed(String key, ConfigValueType type, String expected) {
    ConfigValue value = object.get(key);
    if (value != null && value.valueType() != type) {
      throw error(value, key, "expected " + expected + ", got " + describe(value));
    }
    return Optional.ofNullable(value);
  }

  /** A list of objects, each read as {@code key[i]}. */
  List<SpecFields> objects(String key, String what) {
    ConfigValue value = object.get(key);
    if (value == null) {
      throw missing(key, what);
    }
    if (value.valueType() != ConfigValueType.LIST) {
      throw error(value, key, "expected a list of objects ([{ ... }, { ... }]), got " + describe(value));
    }
    List<SpecFields> objects = new ArrayList<>();
    for (ConfigValue element : (ConfigList) value) {
      String place = path(key) + "[" + objects.size() + "]";
      if (element.valueType() != ConfigValueType.OBJECT) {
        throw new SpecException(prefix(element) + place + ": expected an object ({ ... }), got " + describe(element));
      }
      objects.add(new SpecFields(file, (ConfigObject) element, place));
    }
    if (objects.isEmpty()) {
      throw error(value, key, "is empty: " + what);
    }
    return objects;
  }

  ConfigObject raw() {
    return object;
  }

  String where() {
    return where;
  }

  /** An error about {@code key} of this object. */
  SpecException error(String key, String problem) {
    return error(object.get(key), key, problem);
  }

  private SpecException error(ConfigValue at, String key, String problem) {
    return new SpecException(prefix(at == null ? object : at) + path(key) + ": " + problem);
  }

  /** A key this object lacks: at the line of the object, if it is not the whole spec. */
  SpecException missing(String key, String what) {
    return new SpecException((where.isEmpty() ? file + ": " : prefix(object)) + path(key) + ": missing: " + what);
  }

  private String prefix(ConfigValue at) {
    int line = at.origin().lineNumber();
    return file + (line > 0 ? ":" + line : "") + ": ";
  }

  private String path(String key) {
    return where.isEmpty() ? key : where + "." + key;
  }

  private static String describe(ConfigValue value) {
    return switch (value.valueType()) {
      case OBJECT -> "an object";
      case LIST -> "a list";
      case NULL -> "null";
      default -> "'" + value.unwrapped() + "'";
    };
  }
}
