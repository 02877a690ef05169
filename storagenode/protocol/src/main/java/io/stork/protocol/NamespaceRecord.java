package io.stork.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a storage node keeps of the namespace beside its chunks: the newest state it heard of one
 * artifact, a committed version's manifest or the tombstone of a delete. From these records alone
 * the namespace can be rebuilt when every copy of the name node's metadata is lost.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = NamespaceRecord.Manifest.class, name = "manifest"),
    @JsonSubTypes.Type(value = NamespaceRecord.Tombstone.class, name = "tombstone")
})
public sealed interface NamespaceRecord extends StorkMessage {

  String name();

  long version();

  /**
   * The journal sequence the name node's metadata had reached once the change was durable (0:
   * unknown). A record of a change the namespace lacks, with a sequence past the one its metadata
   * reaches, proves the metadata lost it.
   */
  long sequence();

  /** Version {@code artifact.version()} of {@code artifact.name()} was committed. */
  record Manifest(ArtifactVersion artifact, long sequence) implements NamespaceRecord {
    @JsonIgnore
    @Override
    public String name() {
      return artifact.name();
    }

    @JsonIgnore
    @Override
    public long version() {
      return artifact.version();
    }
  }

  /** Version {@code version} of {@code name} was deleted (with every older one). */
  record Tombstone(String name, long version, long sequence) implements NamespaceRecord {}

  /** Of two records of one name, the newer: the higher version; at equal versions the tombstone (a delete follows its commit). */
  static NamespaceRecord newer(NamespaceRecord a, NamespaceRecord b) {
    if (a.version() != b.version()) {
      return a.version() > b.version() ? a : b;
    }
    return b instanceof Tombstone ? b : a;
  }
}
