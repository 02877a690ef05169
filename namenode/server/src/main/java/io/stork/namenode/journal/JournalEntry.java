package io.stork.namenode.journal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.stork.protocol.ArtifactVersion;

/** One durable change to the namespace. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
    @JsonSubTypes.Type(value = JournalEntry.Committed.class, name = "commit"),
    @JsonSubTypes.Type(value = JournalEntry.Deleted.class, name = "delete")
})
public sealed interface JournalEntry {

  String name();

  /** A new version became current (an upload or an update). */
  record Committed(ArtifactVersion version) implements JournalEntry {
    @Override
    public String name() {
      return version.name();
    }
  }

  /** The artifact was deleted. */
  record Deleted(String name, long version) implements JournalEntry {}
}
