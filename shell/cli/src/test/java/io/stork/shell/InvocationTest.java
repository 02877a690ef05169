package io.stork.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvocationTest {

  private static Invocation parse(String line) {
    return Invocation.parse(LineTokenizer.split(line));
  }

  private static String error(String line) {
    return assertThrows(CommandException.class, () -> parse(line)).getMessage();
  }

  @Test
  void separatesArgumentsAndFlags() {
    Invocation inv = parse("get report --out /tmp/r.txt");
    assertEquals(Command.GET, inv.command());
    assertEquals(List.of("report"), inv.args());
    assertEquals(Map.of("--out", List.of("/tmp/r.txt")), inv.flags());
    assertEquals("/tmp/r.txt", parse("get report --out=/tmp/r.txt").flag("--out"));
  }

  @Test
  void contentIsTheWordsAfterTheNameJoinedBySingleSpaces() {
    Invocation inv = parse("upload notes hello   world \"two  spaces\"");
    assertEquals("hello world two  spaces", inv.joinedFrom(1));
  }

  @Test
  void quotedFlagsAndWordsAfterDoubleDashAreContent() {
    assertEquals("--file x", parse("upload n \"--file\" x").joinedFrom(1));
    assertEquals("--file x", parse("upload n -- --file x").joinedFrom(1));
    assertNull(parse("upload n -- --file x").flag("--file"));
    assertEquals("-5 degrees", parse("upload n -5 degrees").joinedFrom(1)); // one dash is no flag
  }

  @Test
  void unknownCommandSuggestsTheNearest() {
    assertEquals("unknown command 'lst'; did you mean 'list'?", error("lst"));
    assertEquals("unknown command 'frobnicate'; type help to list the commands", error("frobnicate"));
  }

  @Test
  void unknownFlags() {
    assertEquals("unknown flag '--fil' for upload; did you mean '--file'?", error("upload n --fil x"));
    assertEquals("unknown flag '--verbose' for upload; quote it if it is content", error("upload n --verbose"));
    assertEquals("unknown flag '--force' for delete; usage: delete NAME", error("delete n --force"));
  }

  @Test
  void flagProblems() {
    assertEquals("--out needs a value (usage: get NAME [--out PATH])", error("get n --out"));
    assertEquals("--out is given twice", error("get n --out a --out b"));
  }

  @Test
  void requireRepeatsAndKeepsEveryValueInOrder() {
    Invocation inv = parse("upload fast --require ssd some content --require=gpu --file x --require ssd");
    assertEquals(List.of("ssd", "gpu", "ssd"), inv.values("--require"));
    assertEquals(List.of("fast", "some", "content"), inv.args());
    assertEquals("x", inv.flag("--file"));
    assertEquals(List.of(), parse("update fast content").values("--require"));
    assertEquals("--require ssd", parse("upload fast \"--require\" ssd").joinedFrom(1), "quoted, it is content");
    assertEquals("--require needs a value (usage: upload NAME CONTENT... [--require CAP]... | upload NAME --file PATH "
        + "[--require CAP]...)", error("upload fast x --require"));
    assertEquals("--file is given twice", error("upload fast --require ssd --file a --file b"));
    assertEquals("unknown flag '--require' for get; usage: get NAME [--out PATH]", error("get fast --require ssd"));
  }

  @Test
  void requiredCapabilitiesAreCheckedByTheStorageNodesRule() {
    assertEquals(List.of("ssd", "gpu", "rack:7", "a_b-c.d"),
        Capabilities.required(List.of("ssd", "gpu", "ssd", "rack:7", "a_b-c.d")));
    String rule = "1 to 63 letters, digits, '_', '.', ':', '-', starting with a letter or digit";
    for (String bad : List.of("", "-x", "fast disk", "ssd,gpu", "x".repeat(64), "\u001b[2J")) {
      String shown = bad.startsWith("\u001b") ? "\\u001b[2J" : bad;
      assertEquals("--require: invalid capability '" + shown + "': " + rule,
          assertThrows(CommandException.class, () -> Capabilities.required(List.of("ssd", bad))).getMessage());
    }
    Capabilities.required(List.of("x".repeat(63)));
  }

  @Test
  void arity() {
    assertEquals("get: missing NAME (usage: get NAME [--out PATH])", error("get"));
    assertEquals("source: missing FILE (usage: source FILE)", error("source"));
    assertEquals("get: unexpected argument 'b' (usage: get NAME [--out PATH])", error("get a b"));
    assertEquals("exit: unexpected argument 'now' (usage: exit)", error("exit now"));
    assertEquals("list: unexpected argument 'b' (usage: list | list NAME)", error("list a b"));
    parse("list");
    parse("list a");
    parse("upload a b c d e");
    parse("chaos kill sn-2");
  }

  @Test
  void typedControlCharactersAreNotEchoed() {
    assertEquals("unknown command '\\u001b[2J'; type help to list the commands", error("\u001b[2J"));
  }

  @Test
  void everyCommandHasUsageAndHelp() {
    for (Command c : Command.values()) {
      assertEquals(c.word(), c.usage().get(0).split(" ")[0]);
      assertFalse(c.help().isBlank() || c.summary().isBlank(), c.word());
    }
  }
}
