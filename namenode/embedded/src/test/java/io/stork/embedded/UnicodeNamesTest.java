package io.stork.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stork.client.StorkClient;
import io.stork.protocol.ArtifactStatus;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.Refused;
import io.stork.protocol.StorkException;
import io.stork.runtime.Requests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names of real scripts round-trip through the Java API and the name node; one name however it is normalized. */
class UnicodeNamesTest {
  private static final String PERSIAN = "می\u200cخواهم"; // "I want": a zero-width non-joiner inside the word
  private static final String FAMILY = "👨\u200d👩\u200d👧"; // an emoji ZWJ sequence
  private static final String SCOTLAND = "\ud83c\udff4\udb40\udc67\udb40\udc62\udb40\udc73\udb40\udc63\udb40\udc74\udb40\udc7f";
  private static final String NFC = "caf\u00e9";
  private static final String NFD = "cafe\u0301";

  @TempDir static Path dir;
  static EmbeddedCluster cluster;
  static StorkClient client;

  @BeforeAll
  static void start() {
    cluster = ClusterFixture.start(dir, "stork.chunk-size = 64KiB");
    client = cluster.client();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void joinersAndTagSequencesRoundTripThroughUploadGetAndList() {
    for (String name : List.of(PERSIAN, "emoji/" + FAMILY, "emoji/" + SCOTLAND)) {
      client.upload(name, name.getBytes(StandardCharsets.UTF_8));
      assertArrayEquals(name.getBytes(StandardCharsets.UTF_8), client.getBytes(name), name);
    }
    assertEquals(List.of("emoji/" + SCOTLAND, "emoji/" + FAMILY), // U+1F3F4 sorts before U+1F468
        client.allArtifacts("emoji/").stream().map(ArtifactStatus::name).toList(), "listed exactly as stored");
    assertEquals(List.of(PERSIAN), client.names(PERSIAN, 10));
  }

  @Test
  void decomposedInputIsTheComposedName() {
    client.upload(NFD, "decomposed".getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(NFC), client.names("caf", 10), "stored in NFC");
    assertArrayEquals("decomposed".getBytes(StandardCharsets.UTF_8), client.getBytes(NFC));
    assertArrayEquals("decomposed".getBytes(StandardCharsets.UTF_8), client.getBytes(NFD), "NFD input finds its NFC name");
    StorkException twice = assertThrows(StorkException.class, () -> client.upload(NFC, "again".getBytes(StandardCharsets.UTF_8)));
    assertEquals(ErrorKind.ALREADY_EXISTS, twice.kind(), "one name, however it is spelled");
  }

  @Test
  void theNameNodeRefusesANameNotInNfcFromARawProtocolClient() {
    NameNodeProtocol.LocateReply located = Requests.await(AskPattern.<NameNodeProtocol.Command, NameNodeProtocol.LocateReply>ask(
        cluster.nameNode(), replyTo -> new NameNodeProtocol.Locate("raw/" + NFD, replyTo), Duration.ofSeconds(10),
        cluster.scheduler()), "the name node", Duration.ofSeconds(10));
    assertEquals(new Refused(ErrorKind.INVALID,
        "artifact name is not in Unicode NFC (clients normalize names with ArtifactNames.normalize)"), located);
    NameNodeProtocol.DeleteReply deleted = Requests.await(AskPattern.<NameNodeProtocol.Command, NameNodeProtocol.DeleteReply>ask(
        cluster.nameNode(), replyTo -> new NameNodeProtocol.Delete("raw/" + NFD, replyTo), Duration.ofSeconds(10),
        cluster.scheduler()), "the name node", Duration.ofSeconds(10));
    assertEquals(ErrorKind.INVALID, ((Refused) deleted).kind());
  }

  @Test
  void disguisingCharactersAreRefusedEachWithItsOwnMessage() {
    assertEquals("artifact name contains a control character (U+0007)", refusal("bell\u0007"));
    assertEquals("artifact name contains a bidirectional override or isolate (U+202E), which can make it read as another name",
        refusal("invoice\u202egpj.exe"));
    assertEquals("artifact name contains a bidirectional override or isolate (U+2067), which can make it read as another name",
        refusal("a\u2067b"));
    assertEquals("artifact name contains an invisible format character (U+200B)", refusal("zero\u200bwidth"));
    assertEquals(List.of(), client.names("invoice", 10), "nothing stored");
  }

  private static String refusal(String name) {
    StorkException error = assertThrows(StorkException.class, () -> client.upload(name, "x".getBytes(StandardCharsets.UTF_8)));
    assertEquals(ErrorKind.INVALID, error.kind());
    return error.getMessage();
  }
}
