package io.stork.namenode;

import io.stork.protocol.ArtifactVersion;
import java.util.List;
import java.util.Map;

/**
 * What the name node's metadata held when it started, as the replica keeper needs it: every current
 * version, the version each remembered delete removed, the journal sequence it had reached, and
 * whether it was found lost (every metadata directory empty where there had been metadata).
 */
record KnownNamespace(List<ArtifactVersion> committed, Map<String, Long> deleted, long sequence, boolean lost) {
  KnownNamespace {
    committed = List.copyOf(committed);
    deleted = Map.copyOf(deleted);
  }

  static KnownNamespace of(Namespace namespace, long sequence, boolean lost) {
    return new KnownNamespace(List.copyOf(namespace.all()), namespace.deleted(), sequence, lost);
  }
}
