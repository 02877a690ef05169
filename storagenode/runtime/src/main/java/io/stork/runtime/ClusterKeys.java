package io.stork.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The keys that let Stork's processes talk over Artery TLS with mutual authentication, as made by
 * {@code scripts/stork-keys DIR}: {@code DIR/keystore.p12} (the cluster's key pair and certificate),
 * {@code DIR/truststore.p12} (the certificate every process trusts) and the password of both (see
 * {@link KeysPassword}).
 *
 * <p>{@link #load} opens both stores as Pekko will, so that a wrong password, a damaged file or
 * stores of two different runs fail at start-up with one clear line instead of as a TLS failure
 * later. Callers pick {@link #arteryConfig()} or, behind an explicit {@code --insecure},
 * {@link #insecureConfig()}.
 */
public final class ClusterKeys {
  public static final String PASSWORD_ENV = KeysPassword.ENV;
  /** Pekko's names (pekko-remote reference.conf); TLS 1.3 has only these two AES-GCM suites in common use. */
  static final List<String> CIPHER_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384");

  private final Path dir;
  private final Path keyStore;
  private final Path trustStore;
  private final KeysPassword password;

  private ClusterKeys(Path dir, Path keyStore, Path trustStore, KeysPassword password) {
    this.dir = dir;
    this.keyStore = keyStore;
    this.trustStore = trustStore;
    this.password = password;
  }

  /** The keys in {@code dir}, with the password from {@value #PASSWORD_ENV} or {@code dir/password}. */
  public static ClusterKeys load(Path dir) throws ClusterKeysException {
    return load(dir, System.getenv(PASSWORD_ENV));
  }

  /** As {@link #load(Path)}, with the environment's password given (tests cannot set the environment). */
  static ClusterKeys load(Path dir, String passwordFromEnv) throws ClusterKeysException {
    Path absolute = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(absolute)) {
      throw new ClusterKeysException("no cluster keys in " + dir + ": it is not a directory (make them with "
          + "scripts/stork-keys " + dir + ")");
    }
    KeysPassword password = KeysPassword.find(absolute, passwordFromEnv);
    Path keyStorePath = absolute.resolve("keystore.p12");
    Path trustStorePath = absolute.resolve("truststore.p12");
    KeyStore keys = open(keyStorePath, password);
    KeyStore trusted = open(trustStorePath, password);
    X509Certificate[] chain = keyPair(keys, keyStorePath, password);
    requireTrusted(chain, trusted, keyStorePath, trustStorePath);
    return new ClusterKeys(absolute, keyStorePath, trustStorePath, password);
  }

  /**
   * Artery over {@code tls-tcp} with these keys: TLS 1.3 only, and each side of a connection must
   * show a certificate that the other's trust store holds.
   *
   * <p>The config holds the password, as Pekko's {@code ConfigSSLEngineProvider} wants it: never
   * log or render it (Pekko's {@code log-config-on-start} stays off).
   */
  public Config arteryConfig() {
    String engine = "pekko.remote.artery.ssl.config-ssl-engine.";
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("pekko.remote.artery.transport", "tls-tcp");
    settings.put("pekko.remote.artery.ssl.ssl-engine-provider",
        "org.apache.pekko.remote.artery.tcp.ConfigSSLEngineProvider");
    settings.put(engine + "key-store", keyStore.toString());
    settings.put(engine + "trust-store", trustStore.toString());
    settings.put(engine + "key-store-password", password.value());
    // PKCS12 has one password for the store and its keys.
    settings.put(engine + "key-password", password.value());
    settings.put(engine + "trust-store-password", password.value());
    settings.put(engine + "protocol", "TLSv1.3");
    settings.put(engine + "enabled-algorithms", CIPHER_SUITES);
    settings.put(engine + "require-mutual-authentication", true);
    // Off: all processes share one cluster certificate (CN=stork-cluster), which names no host.
    // ConfigSSLEngineProvider would check the peer's host name against it on the client side only;
    // membership of the cluster is proven by the certificate itself, on both sides.
    settings.put(engine + "hostname-verification", false);
    settings.put(engine + "random-number-generator", ""); // the JDK's default SecureRandom
    return ConfigFactory.parseMap(settings, "cluster keys in " + dir);
  }

  /**
   * The same keys for Stork's own data channel: a TLS 1.3 context whose sockets show the cluster
   * certificate and trust only peers that show it too.
   */
  public SSLContext sslContext() throws ClusterKeysException {
    try {
      KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(open(keyStore, password), password.value().toCharArray());
      TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(open(trustStore, password));
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new ClusterKeysException("the cluster keys in " + dir + " make no TLS context: " + e.getMessage(), e);
    }
  }

  /** The TLS 1.3 cipher suites every Stork connection offers. */
  public static String[] cipherSuites() {
    return CIPHER_SUITES.toArray(String[]::new);
  }

  /** Plain Artery TCP: no encryption and no authentication, for an explicit {@code --insecure} only. */
  public static Config insecureConfig() {
    return ConfigFactory.parseMap(Map.of("pekko.remote.artery.transport", "tcp"), "--insecure");
  }

  public Path dir() {
    return dir;
  }

  @Override
  public String toString() {
    return "ClusterKeys[" + dir + ", " + password + "]";
  }

  /** Opened the way Pekko opens it: the JDK's default key store type (PKCS12 since JDK 9). */
  private static KeyStore open(Path file, KeysPassword password) throws ClusterKeysException {
    if (!Files.isRegularFile(file)) {
      throw new ClusterKeysException(file + " is missing: make the cluster keys with scripts/stork-keys "
          + file.getParent());
    }
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(in, password.value().toCharArray());
      return store;
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        // PKCS12 checks the password with a MAC over the whole file: a changed byte looks the same.
        throw new ClusterKeysException(file + " does not open with the " + password
            + ": a wrong password, or the file was altered", e);
      }
      throw new ClusterKeysException(file + " is damaged or not a PKCS12 key store: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new ClusterKeysException(file + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** The certificate chain of the one key pair, whose key the password must unlock too. */
  private static X509Certificate[] keyPair(KeyStore keys, Path file, KeysPassword password)
      throws ClusterKeysException {
    try {
      for (String alias : Collections.list(keys.aliases())) {
        if (keys.isKeyEntry(alias)) {
          keys.getKey(alias, password.value().toCharArray());
          Certificate[] chain = keys.getCertificateChain(alias);
          X509Certificate[] x509 = new X509Certificate[chain.length];
          for (int i = 0; i < chain.length; i++) {
            x509[i] = (X509Certificate) chain[i];
          }
          x509[0].checkValidity();
          return x509;
        }
      }
    } catch (GeneralSecurityException e) {
      throw new ClusterKeysException("the key pair in " + file + " cannot be used: " + e.getMessage()
          + " (make new keys with scripts/stork-keys --force " + file.getParent() + ")", e);
    }
    throw new ClusterKeysException(file + " holds no key pair: make the cluster keys with scripts/stork-keys");
  }

  /** Our own certificate must pass the check that every peer will make of it. */
  private static void requireTrusted(X509Certificate[] chain, KeyStore trusted, Path keyStore, Path trustStore)
      throws ClusterKeysException {
    try {
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          x509.checkClientTrusted(chain, chain[0].getPublicKey().getAlgorithm());
          return;
        }
      }
      throw new ClusterKeysException("no X.509 trust manager in this JDK");
    } catch (GeneralSecurityException e) {
      throw new ClusterKeysException("the certificate in " + keyStore + " is not trusted by " + trustStore
          + " (stores of two different stork-keys runs?): " + e.getMessage(), e);
    }
  }
}
