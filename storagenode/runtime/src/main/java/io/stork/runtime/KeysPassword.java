package io.stork.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

/**
 * The password of the cluster key stores and where it came from: the environment variable
 * {@value #ENV}, else the first line of {@code DIR/password}, a file its owner alone may read.
 * {@link #toString()} names the source only, so the password cannot slip into a log line.
 */
record KeysPassword(String value, String source) {
  static final String ENV = "STORK_KEYS_PASSWORD";

  @Override
  public String toString() {
    return "password from " + source;
  }

  /** The password from {@code fromEnv} when set (not empty), else from {@code dir/password}. */
  static KeysPassword find(Path dir, String fromEnv) throws ClusterKeysException {
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return new KeysPassword(fromEnv, ENV);
    }
    Path file = dir.resolve("password");
    if (!Files.exists(file)) {
      throw new ClusterKeysException("no password for the cluster keys: " + file + " is missing and " + ENV
          + " is not set");
    }
    requireOwnerOnly(file);
    String line;
    try {
      List<String> lines = Files.readAllLines(file);
      line = lines.isEmpty() ? "" : lines.get(0);
    } catch (IOException e) {
      throw new ClusterKeysException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (line.isEmpty()) {
      throw new ClusterKeysException(file + " is empty: its first line must be the password");
    }
    return new KeysPassword(line, file.toString());
  }

  /** A file that others may read leaks the password; one that others may write lets them change it. */
  private static void requireOwnerOnly(Path file) throws ClusterKeysException {
    PosixFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, PosixFileAttributes.class); // of the target, through links
    } catch (IOException | UnsupportedOperationException e) {
      throw new ClusterKeysException("cannot check who may read " + file + ": " + e.getMessage(), e);
    }
    if (!attributes.isRegularFile()) {
      throw new ClusterKeysException(file + " is not a regular file");
    }
    String user = System.getProperty("user.name");
    String owner = attributes.owner().getName();
    if (!owner.equals(user)) {
      throw new ClusterKeysException(file + " belongs to " + owner + ", not to " + user
          + " who runs this process: chown it");
    }
    Set<PosixFilePermission> permissions = attributes.permissions();
    String group = access(permissions, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE);
    String others = access(permissions, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
    if (!group.isEmpty() || !others.isEmpty()) {
      String exposure = group.equals(others) ? group + " by group and others"
          : group.isEmpty() ? others + " by others"
          : others.isEmpty() ? group + " by group"
          : group + " by group and " + others + " by others";
      throw new ClusterKeysException(file + " is " + exposure + " (mode " + mode(permissions) + "): chmod 600 it");
    }
  }

  /** "readable", "writable", both, or "" for neither. */
  private static String access(Set<PosixFilePermission> permissions, PosixFilePermission read,
                               PosixFilePermission write) {
    boolean readable = permissions.contains(read);
    boolean writable = permissions.contains(write);
    return readable && writable ? "readable and writable" : readable ? "readable" : writable ? "writable" : "";
  }

  /** The octal mode, as {@code ls} and {@code chmod} speak it: 0644. */
  private static String mode(Set<PosixFilePermission> permissions) {
    int bits = 0;
    for (PosixFilePermission permission : permissions) {
      // The enum runs OWNER_READ .. OTHERS_EXECUTE, from the highest bit (0400) to the lowest (0001).
      bits |= 1 << (8 - permission.ordinal());
    }
    return String.format("%04o", bits);
  }
}
