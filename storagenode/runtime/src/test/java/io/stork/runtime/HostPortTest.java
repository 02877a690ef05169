package io.stork.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HostPortTest {
  @Test
  void parsesHostsNamesAndBracketedIpv6() {
    assertEquals(new HostPort("127.0.0.1", 2551), HostPort.parse("127.0.0.1:2551"));
    assertEquals(new HostPort("node-1.example", 0), HostPort.parse("node-1.example:0"));
    assertEquals(new HostPort("::1", 2551), HostPort.parse("[::1]:2551"));
    assertEquals("[::1]:2551", HostPort.parse("[::1]:2551").toString());
    assertTrue(HostPort.parse("127.0.0.5:1").isLoopback());
  }

  @Test
  void refusesWhatIsNotAHostAndPort() {
    assertEquals("expected HOST:PORT, got 'host'", assertThrows(IllegalArgumentException.class, () -> HostPort.parse("host")).getMessage());
    assertEquals("expected HOST:PORT, got ':1'", assertThrows(IllegalArgumentException.class, () -> HostPort.parse(":1")).getMessage());
    assertEquals("expected HOST:PORT, got 'h:'", assertThrows(IllegalArgumentException.class, () -> HostPort.parse("h:")).getMessage());
    assertEquals("invalid port '-1': a number from 0 to 65535",
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse("h:-1")).getMessage());
    assertEquals("invalid host 'a@b'", assertThrows(IllegalArgumentException.class, () -> HostPort.parse("a@b:1")).getMessage());
    assertEquals("invalid host 'a/b'", assertThrows(IllegalArgumentException.class, () -> HostPort.parse("a/b:1")).getMessage());
  }
}
