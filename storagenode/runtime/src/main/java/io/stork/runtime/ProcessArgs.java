package io.stork.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line of a Stork process: {@code --flag value} options (some may repeat) and bare
 * {@code --switch}es. Anything else is refused up front with a message that names it.
 */
public final class ProcessArgs {
  private final Map<String, List<String>> values = new LinkedHashMap<>();

  private ProcessArgs() {}

  /**
   * @param valued flags that take a value; those in {@code repeatable} may be given more than once
   * @param switches flags without a value
   */
  public static ProcessArgs parse(String[] args, Set<String> valued, Set<String> repeatable, Set<String> switches) {
    ProcessArgs parsed = new ProcessArgs();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String flag = arg;
      String value = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        flag = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      }
      if (switches.contains(flag) && value == null) {
        parsed.values.put(flag, List.of());
      } else if (valued.contains(flag)) {
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
          }
          value = args[++i];
        }
        List<String> previous = parsed.values.computeIfAbsent(flag, f -> new ArrayList<>());
        if (!previous.isEmpty() && !repeatable.contains(flag)) {
          throw new IllegalArgumentException(flag + " given twice");
        }
        previous.add(value);
      } else {
        throw new IllegalArgumentException(arg.startsWith("-") ? "unknown option " + arg : "unexpected argument '" + arg + "'");
      }
    }
    return parsed;
  }

  public boolean has(String flag) {
    return values.containsKey(flag);
  }

  public Optional<String> value(String flag) {
    List<String> given = values.get(flag);
    return given == null || given.isEmpty() ? Optional.empty() : Optional.of(given.get(0));
  }

  public List<String> values(String flag) {
    return List.copyOf(values.getOrDefault(flag, List.of()));
  }

  public String required(String flag) {
    return value(flag).orElseThrow(() -> new IllegalArgumentException(flag + " is required"));
  }
}
