package io.stork.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stork.protocol.StorkMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Artery TLS between actor systems in one JVM: two with the cluster's keys talk; one with keys
 * of another run, one that trusts the cluster but shows another certificate, and one on plain TCP
 * get nothing through, either way.
 */
class ClusterKeysTlsTest {
  record Ping(String text) implements StorkMessage {}

  /** Long enough for a handshake on this machine (well under a second once warm) to have gone through. */
  static final Duration NOTHING_FOR = Duration.ofSeconds(3);
  static final Duration DELIVERY = Duration.ofSeconds(15);

  @TempDir static Path keysDir;
  static ActorTestKit member;
  static ActorTestKit otherMember;
  static ActorTestKit stranger;
  static ActorTestKit impostor;
  static ActorTestKit plain;

  @BeforeAll
  static void start() throws ClusterKeysException {
    List<Path> dirs = StorkKeysScript.make(Map.of(), keysDir.resolve("cluster"), keysDir.resolve("stranger"));
    ClusterKeys cluster = ClusterKeys.load(dirs.get(0), null);
    ClusterKeys strangers = ClusterKeys.load(dirs.get(1), null);
    member = system("member", cluster.arteryConfig());
    otherMember = system("otherMember", cluster.arteryConfig());
    stranger = system("stranger", strangers.arteryConfig());
    // Trusts the cluster's certificate (it is not secret) but has only its own key pair to show.
    String engine = "pekko.remote.artery.ssl.config-ssl-engine.";
    impostor = system("impostor", ConfigFactory.parseMap(Map.of(
        engine + "trust-store", dirs.get(0).resolve("truststore.p12").toAbsolutePath().toString(),
        engine + "trust-store-password", StorkKeysScript.password(dirs.get(0))))
        .withFallback(strangers.arteryConfig()));
    plain = system("plain", ClusterKeys.insecureConfig());
  }

  @AfterAll
  static void stop() {
    for (ActorTestKit kit : new ActorTestKit[] {member, otherMember, stranger, impostor, plain}) {
      if (kit != null) {
        kit.shutdownTestKit();
      }
    }
  }

  private static ActorTestKit system(String name, Config transport) {
    Config remote = ConfigFactory.parseString("""
        pekko.actor.provider = remote
        pekko.remote.artery.canonical.hostname = 127.0.0.1
        pekko.remote.artery.canonical.port = 0
        # A system whose associations keep failing their TLS handshake (the point of these tests) may
        # not finish stopping at all: Artery restarts those outbound streams and never completes its
        # flush (seen: over a minute). Not what is tested here; the product copes where it matters
        # (StorageNodeProcess starts its next incarnation beside such a system, clients give up).
        pekko.actor.testkit.typed.system-shutdown-default = 10s
        pekko.actor.testkit.typed.throw-on-shutdown-timeout = off
        """);
    return ActorTestKit.create(name, transport.withFallback(remote).withFallback(ConfigFactory.load()));
  }

  /** {@code to}'s actor as {@code from} reaches it: by its full remote path. */
  private static ActorRef<Ping> remoteRef(ActorTestKit from, ActorTestKit to, TestProbe<Ping> probe) {
    String path = ActorRefResolver.get(to.system()).toSerializationFormat(probe.getRef());
    return ActorRefResolver.get(from.system()).resolveActorRef(path);
  }

  private static void assertMembersTalk() {
    TestProbe<Ping> probe = member.createTestProbe();
    Ping ping = new Ping("from a member " + System.nanoTime());
    remoteRef(otherMember, member, probe).tell(ping);
    probe.expectMessage(DELIVERY, ping);
    TestProbe<Ping> back = otherMember.createTestProbe();
    remoteRef(member, otherMember, back).tell(ping);
    back.expectMessage(DELIVERY, ping);
  }

  @Test
  void membersWithTheClusterKeysExchangeMessages() {
    assertMembersTalk();
  }

  /** Nothing from {@code outsider} reaches a member, nor the other way round; the members talk on. */
  private static void assertNothingGetsThroughEitherWay(ActorTestKit outsider) {
    assertMembersTalk();
    TestProbe<Ping> atMember = member.createTestProbe();
    TestProbe<Ping> atOutsider = outsider.createTestProbe();
    remoteRef(outsider, member, atMember).tell(new Ping("from " + outsider.system().name()));
    remoteRef(member, outsider, atOutsider).tell(new Ping("to " + outsider.system().name()));
    atMember.expectNoMessage(NOTHING_FOR);
    atOutsider.expectNoMessage(Duration.ofMillis(100)); // its window ran alongside the one above
    assertMembersTalk();
  }

  @Test
  void aSystemWithKeysOfAnotherRunGetsNothingThroughEitherWay() {
    assertNothingGetsThroughEitherWay(stranger);
  }

  @Test
  void aPlainTcpSystemGetsNothingThroughEitherWay() {
    assertNothingGetsThroughEitherWay(plain);
  }

  @Test
  void aSystemThatTrustsTheClusterButHasNotItsKeyIsRefusedByMutualAuthentication() {
    assertMembersTalk();
    TestProbe<Ping> atMember = member.createTestProbe();
    remoteRef(impostor, member, atMember).tell(new Ping("from an impostor"));
    atMember.expectNoMessage(NOTHING_FOR);
    assertMembersTalk();
  }
}
