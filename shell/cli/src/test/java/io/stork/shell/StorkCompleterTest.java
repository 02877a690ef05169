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
    assertEquals(Command.words().stream().sorted().toList(), complete(""));
    assertEquals(Command.words().stream().sorted().toList(), complete("up")); // JLine filters by prefix itself
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
    assertEquals(List.of("--out"), complete("get hello --"));
    assertEquals(List.of("--file", "--require"), complete("upload x --"));
    assertEquals(List.of("--require"), complete("update x --file f --"), "--require repeats, --file does not");
    assertEquals(List.of("--file", "--require"), complete("upload x --require ssd --"));
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
    assertEquals(Command.words().stream().sorted().toList(), complete("help "));
    assertEquals(List.of(), complete("nosuchcommand "));
  }

  @Test
  void chaosActionsNodesAndArtifacts() {
    assertEquals(ChaosCommand.ACTIONS.stream().sorted().toList(), complete("chaos "));
    assertEquals(List.of("random", "sn-1", "sn-2"), complete("chaos kill "));
    assertEquals(List.of("sn-1", "sn-2"), complete("chaos restart "));
    assertEquals(List.of("sn-1", "sn-2"), complete("chaos drop 5 --to "));
    assertEquals(List.of("hello", "help-me"), complete("chaos corrupt "));
    assertEquals(List.of("healed", "nodes"), complete("wait "));
    assertEquals(List.of(), complete("wait healed --timeout "), "no files after a flag that takes a duration");
  }
}
