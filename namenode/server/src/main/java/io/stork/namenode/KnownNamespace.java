package io.stork.namenode;

import io.stork.protocol.ArtifactVersion;
import java.util.List;
import java.util.Map;

/**
 * What the name node's metadata held when it started, as the replica keeper needs it: every current
 * version, the version each remembered delete removed, and the journal sequence it had reached.
 */
record KnownNamespace(List<ArtifactVersion> committed, Map<String, Long> deleted, long sequence) {
  KnownNamespace {
    committed = List.copyOf(committed);
    deleted = Map.copyOf(deleted);
  }

  static KnownNamespace of(Namespace namespace, long sequence) {
    return new KnownNamespace(List.copyOf(namespace.all()), namespace.deleted(), sequence);
  }
}
