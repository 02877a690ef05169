package io.stork.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.protocol.ErrorKind;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The shell's command lines through picocli: what binds where, and one clear line for each mistake. */
class ShellParserTest {

  private static ShellParser.Parsed parse(String line) {
    return ShellParser.parse(LineTokenizer.split(line));
  }

  private static String error(String line) {
    CommandException e = assertThrows(CommandException.class, () -> parse(line));
    assertEquals(ErrorKind.INVALID, e.kind(), "a usage error: exit 2");
    return e.getMessage();
  }

  @Test
  void separatesArgumentsAndFlags() {
    GetCommand get = (GetCommand) parse("get report --out /tmp/r.txt").command();
    assertEquals("report", get.artifact.name);
    assertEquals("/tmp/r.txt", get.out);
    assertEquals("/tmp/r.txt", ((GetCommand) parse("get report --out=/tmp/r.txt").command()).out);
    assertEquals("-", ((GetCommand) parse("get report --out -").command()).out);
    assertTrue(((GetCommand) parse("cat report --force --out x").command()).force, "cat is get");
  }

  @Test
  void contentIsTheWordsAfterTheName() {
    UploadCommand upload = (UploadCommand) parse("upload notes hello   world \"two  spaces\"").command();
    assertEquals(List.of("hello", "world", "two  spaces"), upload.content);
    assertInstanceOf(UploadCommand.class, parse("put notes x").command(), "put is upload");
  }

  @Test
  void quotedFlagsWordsWithOneDashAndWordsAfterDoubleDashAreContent() {
    assertEquals(List.of("--file", "x"), ((UploadCommand) parse("upload n \"--file\" x").command()).content);
    UploadCommand ended = (UploadCommand) parse("upload n -- --file x").command();
    assertEquals(List.of("--file", "x"), ended.content);
    assertEquals(null, ended.file);
    assertEquals(List.of("-5", "degrees", "-"), ((UploadCommand) parse("upload n -5 degrees -").command()).content);
    assertEquals(List.of("@notes.txt"), ((UploadCommand) parse("upload n @notes.txt").command()).content, "no @file expansion");
  }

  @Test
  void unknownCommandSuggestsTheNearestAliasesIncluded() {
    assertEquals("unknown command 'lst'; did you mean 'list'?", error("lst"));
    assertEquals("unknown command 'frobnicate'; type help to list the commands", error("frobnicate"));
    assertEquals("unknown command 'pt'; did you mean 'put'?", error("pt"));
  }

  @Test
  void unknownFlags() {
    assertEquals("unknown flag '--fil' for upload; did you mean '--file'?", error("upload n --fil x"));
    assertEquals("unknown flag '--verbose' for upload; quote it if it is content", error("upload n --verbose"));
    assertEquals("unknown flag '--force' for delete; usage: delete NAME", error("delete n --force"));
    assertEquals("unknown flag '--count' for chaos monkey; usage: chaos monkey --mttf DURATION [--max-down K] | chaos monkey stop",
        error("chaos monkey --count 2"));
  }

  @Test
  void flagProblems() {
    assertEquals("--out needs a value (usage: get NAME [--out PATH|-] [--force])", error("get n --out"));
    assertEquals("--out is given twice", error("get n --out a --out b"));
    assertEquals("--force takes no value", error("get n --force=yes --out x"));
  }

  @Test
  void requireRepeatsAndKeepsEveryValueInOrder() {
    UploadCommand upload = (UploadCommand) parse("upload fast --require ssd some content --require=gpu --file x --require ssd")
        .command();
    assertEquals(List.of("ssd", "gpu", "ssd"), upload.require);
    assertEquals(List.of("some", "content"), upload.content);
    assertEquals("x", upload.file);
    assertEquals(List.of("--require", "ssd"), ((UploadCommand) parse("upload fast \"--require\" ssd").command()).content);
    assertEquals("--require needs a value (usage: upload NAME CONTENT... [--require CAP]... | upload NAME --file PATH "
        + "[--require CAP]...)", error("upload fast x --require"));
    assertEquals("--file is given twice", error("upload fast --require ssd --file a --file b"));
    assertEquals("unknown flag '--require' for get; usage: get NAME [--out PATH|-] [--force]", error("get fast --require ssd"));
  }

  @Test
  void arity() {
    assertEquals("get: missing NAME (usage: get NAME [--out PATH|-] [--force])", error("get"));
    assertEquals("source: missing FILE (usage: source FILE)", error("source"));
    assertEquals("get: unexpected argument 'b' (usage: get NAME [--out PATH|-] [--force])", error("get a b"));
    assertEquals("exit: unexpected argument 'now' (usage: exit)", error("exit now"));
    assertEquals("chaos kill: missing NODE (usage: chaos kill NODE | chaos kill random [--count N])", error("chaos kill"));
    assertEquals("chaos: unknown action 'kil'; did you mean 'kill'?", error("chaos kil sn-1"));
    assertTrue(error("chaos").startsWith("chaos: missing ACTION, one of kill, restart, drop, delay, off, corrupt, monkey, status"));
    parse("list");
    parse("list a");
    parse("upload a b c d e");
    parse("chaos kill sn-2");
  }

  @Test
  void jsonAndHelpAreEverywhere() {
    assertTrue(parse("list --json").json());
    assertTrue(parse("chaos --json status").json());
    assertTrue(parse("chaos status --json").json());
    assertFalse(parse("list").json());
    assertTrue(parse("get --help").help());
    assertTrue(parse("chaos --help").help());
  }

  @Test
  void typedControlCharactersAreNotEchoed() {
    assertEquals("unknown command '\\u001b[2J'; type help to list the commands", error("\u001b[2J"));
  }

  @Test
  void everyCommandHasASummaryUsageAndHelpAndItsUsageNamesEveryFlag() {
    for (CommandLine c : Commands.all()) {
      assertFalse(Commands.summary(c).isBlank(), Commands.path(c));
      assertFalse(Commands.usage(c).isEmpty(), Commands.path(c));
      assertTrue(Commands.usage(c).get(0).startsWith(Commands.path(c)), Commands.path(c));
      List<CommandLine> described = c.getSubcommands().isEmpty() ? List.of(c) : Commands.distinct(c);
      for (CommandLine leaf : described) {
        assertFalse(String.join(" ", leaf.getCommandSpec().usageMessage().description()).isBlank(), Commands.path(leaf));
        String usage = Commands.usageLine(leaf);
        leaf.getCommandSpec().options().stream().map(o -> o.longestName())
            .filter(o -> !o.equals("--json") && !o.equals("--help"))
            .forEach(o -> assertTrue(usage.contains(o), Commands.path(leaf) + " usage names " + o));
      }
    }
  }
}
