package io.stork.runtime;

import com.typesafe.config.Config;
import io.stork.runtime.data.DataSockets;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/** How a process talks to the cluster: TLS with the cluster's keys, or, only when asked for, plain TCP. */
public record Transport(Config config, boolean secure, String description, DataSockets sockets) {

  public static final String INSECURE_WARNING = "WARNING: --insecure: cluster traffic is plain TCP, neither encrypted nor "
      + "authenticated; anyone who can reach these ports can read, change or delete the data";

  /** Only the description: the config holds the key store passwords. */
  @Override
  public String toString() {
    return description;
  }

  /** TLS with mutual authentication, with the key and trust stores that scripts/stork-keys made in {@code keysDir}. */
  public static Transport tls(Path keysDir) {
    try {
      ClusterKeys keys = ClusterKeys.load(keysDir);
      return new Transport(keys.arteryConfig(), true, "TLS with the cluster keys in " + keysDir, DataSockets.tls(keys.sslContext()));
    } catch (ClusterKeysException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The cluster's TLS context (for the HTTP endpoint too); empty with --insecure. */
  public Optional<SSLContext> sslContext() {
    return sockets.tlsContext();
  }

  public static Transport insecure() {
    return new Transport(ClusterKeys.insecureConfig(), false, "plain TCP (--insecure)", DataSockets.plain());
  }

  /** The transport of a command line's {@code --keys DIR} (null when not given) or {@code --insecure}: exactly one of them. */
  public static Transport of(Path keys, boolean insecure) {
    if (insecure && keys != null) {
      throw new IllegalArgumentException("--keys and --insecure exclude each other");
    }
    if (insecure) {
      return insecure();
    }
    if (keys == null) {
      throw new IllegalArgumentException(
          "--keys DIR is required (make the cluster's keys with scripts/stork-keys DIR), or --insecure for plain TCP");
    }
    return tls(keys);
  }
}
