package io.stork.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link ClusterKeys#load} refuses, each with one clear line, on keys made once by the real script. */
class ClusterKeysLoadTest {
  /** Both runs share it, so that stores of the two differ in their certificates only. */
  static final String PASSWORD = "one-password-for-both-runs";
  @TempDir static Path made;
  static Path original;
  static Path other;
  @TempDir Path tmp;
  Path dir;

  @BeforeAll
  static void makeKeys() {
    List<Path> dirs = StorkKeysScript.make(Map.of(ClusterKeys.PASSWORD_ENV, PASSWORD), made.resolve("cluster"),
        made.resolve("other"));
    original = dirs.get(0);
    other = dirs.get(1);
  }

  /** A private copy of the keys for each test to spoil, with the password in an owner-only file. */
  @BeforeEach
  void copyKeys() throws IOException {
    dir = Files.createDirectory(tmp.resolve("keys"));
    for (String store : List.of("keystore.p12", "truststore.p12")) {
      Files.copy(original.resolve(store), dir.resolve(store));
    }
    Path password = dir.resolve("password");
    Files.writeString(password, PASSWORD + "\n");
    Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
  }

  private String refusal(Path keys, String passwordFromEnv) {
    return assertThrows(ClusterKeysException.class, () -> ClusterKeys.load(keys, passwordFromEnv)).getMessage();
  }

  private static void assertMentions(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), "'" + part + "' in: " + message);
    }
  }

  @Test
  void loadsTheKeysAndGivesPekkoTheirArteryTlsConfig() throws Exception {
    ClusterKeys keys = ClusterKeys.load(dir, null);
    Config config = keys.arteryConfig();
    String engine = "pekko.remote.artery.ssl.config-ssl-engine.";
    assertEquals("tls-tcp", config.getString("pekko.remote.artery.transport"));
    assertEquals(dir.resolve("keystore.p12").toString(), config.getString(engine + "key-store"));
    assertEquals(dir.resolve("truststore.p12").toString(), config.getString(engine + "trust-store"));
    for (String key : List.of("key-store-password", "key-password", "trust-store-password")) {
      assertEquals(PASSWORD, config.getString(engine + key));
    }
    assertEquals("TLSv1.3", config.getString(engine + "protocol"));
    assertEquals(ClusterKeys.CIPHER_SUITES, config.getStringList(engine + "enabled-algorithms"));
    assertTrue(config.getBoolean(engine + "require-mutual-authentication"));
    assertFalse(config.getBoolean(engine + "hostname-verification"));
    assertFalse(keys.toString().contains(PASSWORD), keys.toString());
    assertEquals("tcp", ClusterKeys.insecureConfig().getString("pekko.remote.artery.transport"));
  }

  @Test
  void refusesAMissingDirectory() {
    assertMentions(refusal(tmp.resolve("nowhere"), null), "nowhere", "not a directory", "scripts/stork-keys");
  }

  @Test
  void refusesWhenNoPasswordIsFound() throws IOException {
    Files.delete(dir.resolve("password"));
    assertMentions(refusal(dir, null), dir.resolve("password") + " is missing", ClusterKeys.PASSWORD_ENV + " is not set");
  }

  @Test
  void refusesAPasswordFileThatOthersMayRead() throws Exception {
    Path password = dir.resolve("password");
    Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals(password + " is readable by group and others (mode 0644): chmod 600 it", refusal(dir, null));
    Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-rw----"));
    assertEquals(password + " is readable and writable by group (mode 0660): chmod 600 it", refusal(dir, null));
    Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-----w-"));
    assertEquals(password + " is writable by others (mode 0602): chmod 600 it", refusal(dir, null));
    Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("r--------"));
    ClusterKeys.load(dir, null);
  }

  @Test
  void refusesAPasswordFileOfAnotherUser() throws IOException {
    Path password = dir.resolve("password");
    try {
      UserPrincipal nobody = password.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
      Files.setOwner(password, nobody);
    } catch (IOException e) {
      assumeTrue(false, "giving the file to 'nobody' takes root and that user: " + e);
    }
    assertEquals(password + " belongs to nobody, not to " + System.getProperty("user.name")
        + " who runs this process: chown it", refusal(dir, null));
  }

  @Test
  void refusesAWrongPassword() throws IOException {
    assertMentions(refusal(dir, "not-the-password"), dir.resolve("keystore.p12") + " does not open with the password from "
        + ClusterKeys.PASSWORD_ENV, "wrong password");
    Files.writeString(dir.resolve("password"), "not-the-password\n");
    assertMentions(refusal(dir, null), "does not open with the password from " + dir.resolve("password"));
  }

  @Test
  void refusesADamagedKeyStore() throws IOException {
    Path keyStore = dir.resolve("keystore.p12");
    Files.writeString(keyStore, "not a key store");
    assertMentions(refusal(dir, null), keyStore + " is damaged or not a PKCS12 key store");

    Files.copy(original.resolve("keystore.p12"), keyStore, StandardCopyOption.REPLACE_EXISTING);
    try (RandomAccessFile file = new RandomAccessFile(keyStore.toFile(), "rw")) {
      file.setLength(file.length() / 2);
    }
    assertMentions(refusal(dir, null), keyStore.toString(), "damaged");
  }

  @Test
  void refusesAMissingStore() throws IOException {
    Files.delete(dir.resolve("truststore.p12"));
    assertMentions(refusal(dir, null), dir.resolve("truststore.p12") + " is missing", "scripts/stork-keys");
  }

  @Test
  void refusesStoresOfTwoDifferentRuns() throws IOException {
    Path trustStore = dir.resolve("truststore.p12");
    Files.copy(other.resolve("truststore.p12"), trustStore, StandardCopyOption.REPLACE_EXISTING);
    assertMentions(refusal(dir, null), "the certificate in " + dir.resolve("keystore.p12") + " is not trusted by "
        + trustStore, "two different stork-keys runs");
  }
}
