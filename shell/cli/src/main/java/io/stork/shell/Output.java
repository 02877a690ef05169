package io.stork.shell;

import java.util.List;
import java.util.Map;
import org.jline.utils.AttributedString;

/** Where one command's results go: JSON objects when it was given --json, else text for people. */
record Output(Console console, boolean json) {

  /** A result: the JSON object, or the text. */
  void result(Map<String, ?> object, String text) {
    if (json) {
      console.json(object);
    } else {
      console.println(text);
    }
  }

  void result(Map<String, ?> object, List<AttributedString> lines) {
    if (json) {
      console.json(object);
    } else {
      lines.forEach(console::println);
    }
  }
}
