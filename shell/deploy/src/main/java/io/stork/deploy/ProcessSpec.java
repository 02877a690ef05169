package io.stork.deploy;

import io.stork.namenode.NameNodeMain;
import io.stork.runtime.HostPort;
import io.stork.storagenode.process.StorageNodeMain;
import java.nio.file.Path;
import java.util.List;

/**
 * One process of a deployment: the name node or a storage node, where it listens, its data directory,
 * and its arguments (those of {@code scripts/stork-namenode} or {@code scripts/stork-storagenode}).
 */
public record ProcessSpec(String id, HostPort address, boolean nameNode, Path dataDir, List<String> args) {
  /** Where its stdout and stderr go, in its data directory on its host. */
  public static final String OUTPUT_FILE = "process.out";

  public String mainClass() {
    return (nameNode ? NameNodeMain.class : StorageNodeMain.class).getName();
  }

  /** The script that runs it, relative to a Stork checkout. */
  public String script() {
    return nameNode ? "scripts/stork-namenode" : "scripts/stork-storagenode";
  }

  /** On this host (a loopback address), or on another one, reached over ssh. */
  public boolean local() {
    return address.isLoopback();
  }

  public Path output() {
    return dataDir.resolve(OUTPUT_FILE);
  }

  /** Where to look when it fails: {@code process.out}, with the host when it is another one. */
  public String outputLocation() {
    return local() ? output().toString() : address.host() + ":" + output();
  }
}
