package io.stork.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Parser.ParseContext;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;

class StorkCompleterTest {
  private final List<String> asked = new ArrayList<>();
  private final StorkCompleter completer = new StorkCompleter(prefix -> {
    asked.add(prefix);
    return List.of("hello", "help-me").stream().filter(n -> n.startsWith(prefix)).toList();
  }, () -> List.of("sn-1", "sn-2"), () -> List.of("gpu", "ssd"), (reader, line, candidates) -> candidates.add(new Candidate("<file>")));

  private List<String> complete(String line) {
    List<Candidate> candidates = new ArrayList<>();
    completer.complete(null, new DefaultParser().parse(line, line.length(), ParseContext.COMPLETE), candidates);
    return candidates.stream().map(Candidate::value).sorted().toList();
  }

  @Test
  void commandNames() {
    assertEquals(Commands.words().stream().sorted().toList(), complete(""));
    assertEquals(Commands.words().stream().sorted().toList(), complete("up")); // JLine filters by prefix itself
  }

  @Test
  void artifactNamesFromTheNameNodeWhereAnArtifactIsExpected() {
    assertEquals(List.of("hello", "help-me"), complete("get he"));
    assertEquals(List.of("he"), asked);
    assertEquals(List.of("hello"), complete("delete hell"));
    assertEquals(List.of("hello", "help-me"), complete("list "));
    assertEquals(List.of("hello", "help-me"), complete("update "));
  }

  @Test
  void noNamesForNewArtifactsOrContent() {
    assertEquals(List.of(), complete("upload he"));
    assertEquals(List.of(), complete("update hello so"));
    assertEquals(List.of(), complete("get hello x"));
    assertEquals(List.of(), asked);
  }

  @Test
  void flagsAndFilesAfterThem() {
    assertEquals(List.of("--force", "--help", "--json", "--out"), complete("get hello --"));
    assertEquals(List.of("--file", "--help", "--json", "--require"), complete("upload x --"));
    assertEquals(List.of("--help", "--json", "--require"), complete("update x --file f --"), "--require repeats, --file does not");
    assertEquals(List.of("--file", "--help", "--json", "--require"), complete("upload x --require ssd --"));
    assertEquals(List.of("--file", "--help", "--json", "--require"), complete("put x --"), "aliases complete as their command");
    assertEquals(List.of("<file>"), complete("get hello --out "));
    assertEquals(List.of("<file>"), complete("upload x --file "));
    assertEquals(List.of("<file>"), complete("source "));
    assertEquals(List.of("hello", "help-me"), complete("get --out f "));
  }

  @Test
  void capabilitiesTheNodesDeclaredAfterRequire() {
    assertEquals(List.of("gpu", "ssd"), complete("upload x --require "));
    assertEquals(List.of("gpu", "ssd"), complete("update hello --require ssd --require "));
    assertEquals(List.of("hello", "help-me"), complete("update --require ssd "), "the value skipped: NAME comes next");
    assertEquals(List.of("<file>"), complete("upload x --require ssd --file "));
  }

  @Test
  void commandNamesForHelp() {
    assertEquals(Commands.words().stream().sorted().toList(), complete("help "));
    assertEquals(List.of(), complete("nosuchcommand "));
  }

  @Test
  void chaosActionsNodesAndArtifacts() {
    assertEquals(List.of("corrupt", "delay", "drop", "kill", "monkey", "off", "restart", "status"), complete("chaos "));
    assertEquals(List.of("--help", "--json", "--max-down", "--mttf"), complete("chaos monkey --"), "only the monkey's own flags");
    assertEquals(List.of("stop"), complete("chaos monkey "));
    assertEquals(List.of("--count", "--help", "--json"), complete("chaos kill random --"));
    assertEquals(List.of("random", "sn-1", "sn-2"), complete("chaos kill "));
    assertEquals(List.of("sn-1", "sn-2"), complete("chaos restart "));
    assertEquals(List.of("sn-1", "sn-2"), complete("chaos drop 5 --to "));
    assertEquals(List.of("hello", "help-me"), complete("chaos corrupt "));
    assertEquals(List.of("healed", "nodes"), complete("wait "));
    assertEquals(List.of(), complete("wait healed --timeout "), "no files after a flag that takes a duration");
    assertEquals(List.of("name", "size", "time"), complete("list --sort "));
    assertEquals(List.of("on", "off").stream().sorted().toList(), complete("timing "));
    assertEquals(List.of("hello", "help-me"), complete("stat "));
    assertEquals(List.of("hello", "help-me"), complete("rm "));
  }
}
