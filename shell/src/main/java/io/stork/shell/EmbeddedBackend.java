package io.stork.shell;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stork.namenode.StorkException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The embedded cluster of the launcher: 1 name node and N storage nodes in this JVM, under a data
 * directory that this process locks, since two clusters writing one journal would corrupt it.
 */
final class EmbeddedBackend {
  static final String LOCK_FILE = "stork.lock";

  private EmbeddedBackend() {}

  static Backend start(LaunchOptions options) {
    Path dir = options.dataDir().toAbsolutePath().normalize();
    FileChannel lock = lock(dir);
    try {
      LocalCluster cluster = LocalCluster.start(dir, overrides(options));
      String description = "embedded cluster: " + options.nodes() + " storage nodes (sn-1 ... sn-" + options.nodes()
          + "), replication " + options.replication() + ", chunk size " + Sizes.format(options.chunkSize())
          + ", data and log in " + options.dataDir();
      return Backend.of(cluster, description, () -> {
        try {
          cluster.close();
        } finally {
          closeQuietly(lock); // releases the lock
        }
      });
    } catch (RuntimeException e) {
      closeQuietly(lock);
      throw e;
    }
  }

  /** The launcher's flags as the config keys of the core; Pekko's own stdout logger silenced. */
  static Config overrides(LaunchOptions options) {
    Map<String, Object> values = new HashMap<>(Map.of(
        "stork.replication", options.replication(),
        "stork.chunk-size", options.chunkSize(),
        "stork.embedded.storage-nodes", options.nodes(),
        // Start-up and shutdown messages would otherwise go to stdout, over the prompt or the batch output.
        "pekko.stdout-loglevel", "OFF"));
    if (!options.capabilities().isEmpty()) { // else whatever the configuration says
      values.put("stork.embedded.capabilities", options.capabilities());
    }
    return ConfigFactory.parseMap(values);
  }

  private static FileChannel lock(Path dir) {
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return channel;
      }
    } catch (OverlappingFileLockException e) {
      // held by this JVM: in use all the same
    } catch (IOException e) {
      closeQuietly(channel);
      String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
          : e instanceof java.nio.file.FileAlreadyExistsException ? "a file is in the way" : String.valueOf(e.getMessage());
      throw new StorkException("cannot use the data directory " + dir + ": " + why, e);
    }
    closeQuietly(channel);
    throw new StorkException("the data directory " + dir + " is in use by another stork");
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the lock goes with the process anyway
      }
    }
  }
}
