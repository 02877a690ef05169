package io.stork.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code scripts/stork-keys} and keytool, and {@link ClusterKeys#load} on what they make. */
class ClusterKeysScriptTest {
  @TempDir Path tmp;

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void makesPrivateStoresAndARandomPasswordThatLoad() throws Exception {
    Path dir = tmp.resolve("keys");
    StorkKeysScript.Result result = StorkKeysScript.run(Map.of(), dir.toString());
    assertEquals(0, result.exitCode(), result.output());
    assertEquals("rwx------", mode(dir));
    for (String file : new String[] {"keystore.p12", "truststore.p12", "password"}) {
      assertEquals("rw-------", mode(dir.resolve(file)), file);
      assertTrue(result.output().contains(dir.resolve(file).toString()), result.output());
    }
    String password = StorkKeysScript.password(dir);
    assertTrue(password.matches("[0-9a-f]{48}"), "48 random hex digits");
    assertFalse(result.output().contains(password), "the password is never printed");
    try (var files = Files.list(dir)) {
      assertEquals(3, files.count(), "no scratch files left behind");
    }

    ClusterKeys keys = ClusterKeys.load(dir, null);
    assertEquals(dir.toAbsolutePath(), keys.dir());
    assertFalse(keys.toString().contains(password), keys.toString());
    assertEquals("tls-tcp", keys.arteryConfig().getString("pekko.remote.artery.transport"));
  }

  @Test
  void refusesToOverwriteKeysUnlessForced() throws Exception {
    Path dir = tmp.resolve("keys");
    StorkKeysScript.make(Map.of(), dir);
    byte[] keyStore = Files.readAllBytes(dir.resolve("keystore.p12"));
    String password = StorkKeysScript.password(dir);

    StorkKeysScript.Result refused = StorkKeysScript.run(Map.of(), dir.toString());
    assertEquals(1, refused.exitCode(), refused.output());
    assertTrue(refused.output().contains("refusing to overwrite"), refused.output());
    assertTrue(refused.output().contains("--force"), refused.output());
    assertArrayEquals(keyStore, Files.readAllBytes(dir.resolve("keystore.p12")));
    assertEquals(password, StorkKeysScript.password(dir));

    StorkKeysScript.Result forced = StorkKeysScript.run(Map.of(), "--force", dir.toString());
    assertEquals(0, forced.exitCode(), forced.output());
    assertFalse(Arrays.equals(keyStore, Files.readAllBytes(dir.resolve("keystore.p12"))), "a new key pair");
    assertNotEquals(password, StorkKeysScript.password(dir), "a new password");
    ClusterKeys.load(dir, null);
  }

  @Test
  void takesThePasswordFromTheEnvironmentAndWritesNoFile() throws Exception {
    Path dir = tmp.resolve("keys");
    String password = "from-the-environment-42";
    StorkKeysScript.Result result = StorkKeysScript.run(Map.of(ClusterKeys.PASSWORD_ENV, password), dir.toString());
    assertEquals(0, result.exitCode(), result.output());
    assertFalse(Files.exists(dir.resolve("password")));
    assertFalse(result.output().contains(password), result.output());

    ClusterKeys keys = ClusterKeys.load(dir, password);
    assertEquals(password, keys.arteryConfig().getString("pekko.remote.artery.ssl.config-ssl-engine.key-store-password"));
    ClusterKeysException noPassword = assertThrows(ClusterKeysException.class, () -> ClusterKeys.load(dir, null));
    assertTrue(noPassword.getMessage().contains(ClusterKeys.PASSWORD_ENV + " is not set"), noPassword.getMessage());
  }

  @Test
  void explainsItselfAndRejectsBadArguments() {
    StorkKeysScript.Result help = StorkKeysScript.run(Map.of(), "--help");
    assertEquals(0, help.exitCode());
    assertTrue(help.output().startsWith("usage: stork-keys [--force] DIR"), help.output());
    assertEquals(1, StorkKeysScript.run(Map.of()).exitCode());
    StorkKeysScript.Result unknown = StorkKeysScript.run(Map.of(), "--forse", tmp.resolve("k").toString());
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.output().contains("unknown option '--forse'"), unknown.output());
    assertFalse(Files.exists(tmp.resolve("k")));
  }
}
